package io.pulseloop.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.followup.ContactAttemptMade;
import io.pulseloop.events.followup.FollowUpState;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.followup.FollowUpTaskOpened;
import io.pulseloop.events.followup.FollowUpTaskResolved;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/** Builds and publishes the events analytics consumes, as their producers write them. */
public final class TestEvents {

    private final KafkaTestClient kafka;

    public TestEvents(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    public static SurveyContext context(String accountId, AccountTier tier, String region, String branch,
            String ownerId, String product) {
        return new SurveyContext(accountId, "Account " + accountId, tier, null, region, branch, ownerId,
                "crm.deal.won", "trigger-" + UUID.randomUUID(), null, "incident", "tech-1", null, product,
                null, null);
    }

    public static ScoreRecorded score(String surveyId, Metric metric, String contactId, String responseId,
            int revision, int score, Instant at, String comment, String locale, SurveyContext context) {
        return new ScoreRecorded(UUID.randomUUID().toString(), at, contactId, "corr-" + responseId, responseId,
                "inv-" + responseId, revision, surveyId, 1, metric, score, category(metric, score), comment, Map.of(),
                locale, ResponseChannel.WEB_PAGE, at.minusSeconds(3600), context);
    }

    public static ScoreCategory category(Metric metric, int score) {
        return switch (metric) {
            case NPS -> score >= 9 ? ScoreCategory.PROMOTER : score >= 7 ? ScoreCategory.PASSIVE
                    : ScoreCategory.DETRACTOR;
            case CSAT -> score >= 4 ? ScoreCategory.SATISFIED : score == 3 ? ScoreCategory.NEUTRAL
                    : ScoreCategory.DISSATISFIED;
            case CES -> score >= 5 ? ScoreCategory.EASY : score == 4 ? ScoreCategory.NEUTRAL
                    : ScoreCategory.DIFFICULT;
        };
    }

    public void publish(ScoreRecorded score) {
        kafka.publish(Topics.RESPONSE_SCORES, score.contactId(), EventJson.mapper().writeValueAsString(score));
    }

    /** Many scores in one pipelined batch (one acknowledgement wait), in order per contact. */
    public void publishAll(List<ScoreRecorded> scores) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ScoreRecorded score : scores) {
                sends.add(producer.send(new ProducerRecord<>(Topics.RESPONSE_SCORES, score.contactId(),
                        EventJson.mapper().writeValueAsString(score))));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Kafka did not take the scores", failed);
        }
    }

    public void publish(CrmContactEvent event) {
        kafka.publish(Topics.CRM_CONTACTS, event.contactId(),
                EventJson.mapper().writerFor(CrmContactEvent.class).writeValueAsString(event));
    }

    public void contact(String contactId, String firstName, String lastName, String accountId, AccountTier tier) {
        publish(new ContactUpserted(UUID.randomUUID().toString(), Instant.now(), contactId, "corr", "crm://test",
                UUID.randomUUID().toString(), contactId + "@example.com", firstName, lastName, accountId,
                "Account " + accountId, tier, "north", "brno", "owner-1", "en", "Europe/Prague", null, null, false));
    }

    public void dealWon(String contactId, String dealId, Instant closedAt, String amount, String currency,
            String product) {
        publish(new DealWon(UUID.randomUUID().toString(), closedAt, contactId, "corr", "crm://test",
                UUID.randomUUID().toString(), dealId, closedAt, new BigDecimal(amount), currency, product, "owner-1"));
    }

    public void publish(FollowUpTaskEvent event) {
        kafka.publish(Topics.FOLLOWUP_TASKS, event.contactId(),
                EventJson.mapper().writerFor(FollowUpTaskEvent.class).writeValueAsString(event));
    }

    /** A DETRACTOR task opened at {@code at}, due a day later, with a first attempt after {@code toAttempt}. */
    public void detractorTask(String taskId, String contactId, String responseId, int score, Instant at,
            Duration toAttempt, boolean resolveInTime) {
        FollowUpState open = new FollowUpState(1, true);
        publish(new FollowUpTaskOpened(UUID.randomUUID().toString(), at, contactId, "corr", taskId,
                TaskReason.DETRACTOR, "owner-1", at.plus(Duration.ofDays(1)), "survey", responseId, Metric.NPS,
                score, open));
        if (toAttempt != null) {
            publish(new ContactAttemptMade(UUID.randomUUID().toString(), at.plus(toAttempt), contactId, "corr", taskId,
                    TaskReason.DETRACTOR, "owner-1", true, "called", null, open));
            Instant resolvedAt = resolveInTime ? at.plus(Duration.ofHours(20)) : at.plus(Duration.ofDays(3));
            publish(new FollowUpTaskResolved(UUID.randomUUID().toString(), resolvedAt, contactId, "corr", taskId,
                    TaskReason.DETRACTOR, "owner-1", "PRODUCT_DEFECT", "fixed", new FollowUpState(0, false)));
        }
    }

    public void erased(String contactId) {
        publish(new ContactErased(UUID.randomUUID().toString(), Instant.now(), contactId, "corr", "crm://test",
                UUID.randomUUID().toString()));
    }
}
