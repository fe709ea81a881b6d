package io.pulseloop.crmsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.crmsync.registry.ContactRegistry;
import io.pulseloop.crmsync.writeback.WriteBackOutbox;
import io.pulseloop.events.followup.FollowUpState;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.followup.FollowUpTaskOpened;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.TolerantEventReader;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 9: every consumer of the registry and the write-back skips and counts an event type it does not know (and a
 * tombstone) instead of retrying it and dead-lettering it, and the next event of the same contact is applied.
 */
class UnknownEventTypesIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Autowired
    MeterRegistry meters;

    @Autowired
    ContactRegistry registry;

    @Autowired
    WriteBackOutbox outbox;

    @Test
    void contactUpdatesSkipAnUnknownTypeAndATombstone() {
        String contactId = CloudEvents.uniqueId("c-unk");
        assertSkippedThenApplied(Topics.CRM_CONTACTS, contactId, () -> kafka.publish(Topics.CRM_INBOUND, contactId,
                CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"), contactId, Instant.now(), "a@example.com")),
                () -> registry.contact(contactId).isPresent());
    }

    @Test
    void ownerUpdatesSkipAnUnknownTypeAndATombstone() {
        String ownerId = CloudEvents.uniqueId("own-unk");
        assertSkippedThenApplied(Topics.CRM_OWNERS, ownerId, () -> kafka.publish(Topics.CRM_INBOUND, ownerId,
                CloudEvents.ownerUpserted(CloudEvents.uniqueId("evt"), ownerId, Instant.now())),
                () -> registry.owner(ownerId).isPresent());
    }

    @Test
    void scoreWriteBackSkipsAnUnknownTypeAndATombstone() {
        String contactId = CloudEvents.uniqueId("c-unk");
        Instant now = Instant.now();
        ScoreRecorded score = new ScoreRecorded(CloudEvents.uniqueId("score"), now, contactId, "corr", "r-1", "i-1", 1,
                "relationship-nps", 1, Metric.NPS, 9, null, null, Map.of(), "en", ResponseChannel.EMAIL_LINK,
                now.minusSeconds(60), null);
        assertSkippedThenApplied(Topics.RESPONSE_SCORES, contactId, () -> kafka.publish(Topics.RESPONSE_SCORES,
                contactId, EventJson.mapper().writeValueAsString(score)),
                () -> outbox.status(contactId).isPresent());
    }

    @Test
    void followUpWriteBackSkipsAnUnknownTypeAndATombstone() {
        String contactId = CloudEvents.uniqueId("c-unk");
        Instant now = Instant.now();
        FollowUpTaskEvent opened = new FollowUpTaskOpened("e-" + contactId, now, contactId, "corr", "task-1",
                TaskReason.DETRACTOR, "own-1", now.plusSeconds(3600), "relationship-nps", "r-1", Metric.NPS, 3,
                new FollowUpState(1, true));
        assertSkippedThenApplied(Topics.FOLLOWUP_TASKS, contactId, () -> kafka.publish(Topics.FOLLOWUP_TASKS,
                contactId, EventJson.mapper().writerFor(FollowUpTaskEvent.class).writeValueAsString(opened)),
                () -> outbox.status(contactId).isPresent());
    }

    @Test
    void signalWriteBackSkipsAnUnknownTypeAndATombstone() {
        String contactId = CloudEvents.uniqueId("c-unk");
        SignalEvent signal = new ChurnRiskDetected("e-" + contactId, Instant.now(), contactId, "corr", "acc-1",
                "own-1", Metric.NPS, 9, 3, "NPS fell from 9 to 3");
        assertSkippedThenApplied(Topics.ANALYTICS_SIGNALS, contactId, () -> kafka.publish(Topics.ANALYTICS_SIGNALS,
                contactId, EventJson.mapper().writerFor(SignalEvent.class).writeValueAsString(signal)),
                () -> outbox.status(contactId).isPresent());
    }

    /**
     * Publishes an event of a type no version of this service knows and a tombstone, keyed like the good event that
     * follows them on the same partition; the good one must be applied, the two counted as skipped, and nothing
     * dead-lettered.
     */
    private void assertSkippedThenApplied(String topic, String key, Runnable publishGood, BooleanSupplier applied) {
        double unknownBefore = skipped(topic, "unknown-type");
        double tombstonesBefore = skipped(topic, "tombstone");
        String dlq = topic + ".crm-sync-service.dlq";
        kafka.ensureTopics(dlq);
        try (TopicProbe deadLetters = kafka.openProbe(dlq)) {
            kafka.publish(topic, key, "{\"eventType\":\"SomethingNew\",\"eventId\":\"x-" + key
                    + "\",\"occurredAt\":\"2026-11-27T10:00:00Z\",\"contactId\":\"" + key + "\"}");
            kafka.publish(topic, key, (String) null);
            publishGood.run();

            await().atMost(WAIT).until(applied::getAsBoolean);
            assertThat(skipped(topic, "unknown-type")).isEqualTo(unknownBefore + 1);
            assertThat(skipped(topic, "tombstone")).isEqualTo(tombstonesBefore + 1);
            deadLetters.assertNoRecord(KafkaRecords.withKey(key), QUIET);
        }
    }

    private double skipped(String topic, String reason) {
        return meters.find(TolerantEventReader.SKIPPED).tag("topic", topic).tag("reason", reason)
                .counters().stream().mapToDouble(Counter::count).sum();
    }
}
