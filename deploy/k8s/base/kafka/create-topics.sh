#!/bin/sh
# Creates every Pulseloop topic, or brings an existing one to the settings below. Idempotent: safe on every deploy.
# Used by the Kubernetes Job (deploy/k8s/base/kafka/topics-job.yaml) and by docker-compose.yml's kafka-topics
# step; TopicCatalogueTests checks that every topic of the catalogue (common-events Topics) and every
# dead-letter topic a service declares is listed here. Why each topic is kept the way it is: docs/operations.md,
# "Topics".
#
#   KAFKA_BOOTSTRAP_SERVERS             where to connect (required)
#   PULSELOOP_TOPIC_PARTITIONS          partitions of a new topic (12: the unit of consumer parallelism)
#   PULSELOOP_KAFKA_REPLICATION_FACTOR  copies of each partition (1 on one broker; 3 in production)
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
PARTITIONS="${PULSELOOP_TOPIC_PARTITIONS:-12}"
REPLICATION="${PULSELOOP_KAFKA_REPLICATION_FACTOR:-1}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
# acks=all waits for min.insync.replicas copies: 2 of 3 survives one broker down without losing an acknowledged write
if [ "$REPLICATION" -ge 3 ]; then MIN_ISR=2; else MIN_ISR=1; fi

HOUR=3600000
DAY=86400000
FOREVER=-1

# topic NAME CONFIGS: create with the partitions and replication above, then (re)apply CONFIGS, so a topic that a
# service's binder auto-created first still ends with these settings. Partitions are never increased here: that
# would move keys to other partitions and break per-contact order (docs/operations.md, "Scaling").
topic() {
  name="$1"
  configs="$2,min.insync.replicas=$MIN_ISR"
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$PARTITIONS" --replication-factor "$REPLICATION"
  "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name "$name" \
    --add-config "$configs"
  echo "topic $name: $configs"
}

# --- event streams of the catalogue (keyed by contact id; ownerId for owners)
# the CRM's raw input: crm-sync-service is its only reader and republishes everything canonically
topic crm.inbound.v1 "cleanup.policy=delete,retention.ms=$((7 * DAY))"
# contact upserts, tickets, deals and erasures: contact directories and the analytics rebuild replay it from the start
topic crm.contacts.v1 "cleanup.policy=delete,retention.ms=$FOREVER"
# each record is the owner's whole latest state: compaction keeps every owner, forever, at the size of the team
topic crm.owners.v1 "cleanup.policy=compact,min.compaction.lag.ms=$((1 * DAY)),delete.retention.ms=$((1 * DAY))"
# contacts' data keys (docs/privacy.md): an erased key is superseded by its ERASED marker and compacted away within
# max.compaction.lag.ms (1 day, the active segment rolls by then too) once the log cleaner ran
topic privacy.contact-keys.v1 "cleanup.policy=compact,segment.ms=$((6 * HOUR)),min.compaction.lag.ms=0,max.compaction.lag.ms=$((1 * DAY)),min.cleanable.dirty.ratio=0.1,delete.retention.ms=$((1 * DAY))"
# invitation lifecycle, answers, scores and follow-up tasks: the history analytics-service rebuilds its projections from
topic survey.invitations.v1 "cleanup.policy=delete,retention.ms=$FOREVER"
topic response.responses.v1 "cleanup.policy=delete,retention.ms=$FOREVER"
topic response.scores.v1 "cleanup.policy=delete,retention.ms=$FOREVER"
topic followup.tasks.v1 "cleanup.policy=delete,retention.ms=$FOREVER"
# signals are recomputed by a rebuild; readers only need them until they have acted
topic analytics.signals.v1 "cleanup.policy=delete,retention.ms=$((30 * DAY))"

# --- dead letters: as many partitions as their source (the binder keeps a record's partition), 30 days to replay
DLQ="cleanup.policy=delete,retention.ms=$((30 * DAY))"
topic crm.inbound.v1.dlq "$DLQ"
topic crm.contacts.v1.crm-sync-service.dlq "$DLQ"
topic crm.contacts.v1.survey-service.dlq "$DLQ"
topic crm.contacts.v1.response-service.dlq "$DLQ"
topic crm.contacts.v1.closed-loop-service.dlq "$DLQ"
topic crm.contacts.v1.analytics-service.dlq "$DLQ"
topic crm.owners.v1.crm-sync-service.dlq "$DLQ"
topic crm.owners.v1.closed-loop-service.dlq "$DLQ"
topic survey.invitations.v1.response-service.dlq "$DLQ"
topic survey.invitations.v1.analytics-service.dlq "$DLQ"
topic response.responses.v1.survey-service.dlq "$DLQ"
topic response.responses.v1.analytics-service.dlq "$DLQ"
topic response.scores.v1.crm-sync-service.dlq "$DLQ"
topic response.scores.v1.closed-loop-service.dlq "$DLQ"
topic response.scores.v1.analytics-service.dlq "$DLQ"
topic followup.tasks.v1.crm-sync-service.dlq "$DLQ"
topic followup.tasks.v1.analytics-service.dlq "$DLQ"
topic analytics.signals.v1.crm-sync-service.dlq "$DLQ"
topic analytics.signals.v1.closed-loop-service.dlq "$DLQ"
