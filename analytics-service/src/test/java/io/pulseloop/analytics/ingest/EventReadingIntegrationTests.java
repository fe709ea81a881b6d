package io.pulseloop.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.TestEvents;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** A tombstone and an unknown event type are skipped, a record that is no event goes to the DLQ with its cause. */
@AnalyticsIntegrationTest
class EventReadingIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();

    @Autowired
    ScoreFacts facts;

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void skipsTombstonesAndUnknownTypesAndDeadLettersWhatIsNoEventWhileGoodEventsKeepFlowing() {
        String contact = "read-" + UUID.randomUUID();
        try (TopicProbe dlq = KAFKA.openProbe(Topics.CRM_CONTACTS + ".analytics-service.dlq")) {
            KAFKA.publish(Topics.CRM_CONTACTS, contact, (byte[]) null, Map.of());
            KAFKA.publish(Topics.CRM_CONTACTS, contact, "{\"eventType\":\"ContactTeleported\",\"contactId\":\"x\"}");
            KAFKA.publish(Topics.CRM_CONTACTS, contact, "this is not JSON");
            String responseId = "read-r-" + UUID.randomUUID();
            new TestEvents(KAFKA).publish(TestEvents.score("read", Metric.NPS, contact, responseId, 1, 7,
                    Instant.now(), null, "en", null));

            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> contact.equals(r.key()), Duration.ofSeconds(60));
            assertThat(dead.value()).isEqualTo("this is not JSON");
            assertThat(new String(dead.headers().lastHeader("x-exception-message").value())).isNotBlank();
            assertThat(new String(dead.headers().lastHeader("x-original-topic").value()))
                    .isEqualTo(Topics.CRM_CONTACTS);
            await().atMost(Duration.ofSeconds(60)).until(() -> facts.find(responseId).isPresent());
            dlq.assertNoRecord(r -> contact.equals(r.key()) && !"this is not JSON".equals(r.value()),
                    Duration.ofSeconds(2));
        }
    }

    /** Issue 15: a task record without any eventType is no event: dead-lettered, not skipped as an unknown type. */
    @Test
    void deadLettersATaskRecordWithoutEventTypeAndSkipsOneOfAnUnknownType() {
        String contact = "read-task-" + UUID.randomUUID();
        try (TopicProbe dlq = KAFKA.openProbe(Topics.FOLLOWUP_TASKS + ".analytics-service.dlq")) {
            KAFKA.publish(Topics.FOLLOWUP_TASKS, contact, "{\"eventType\":\"FollowUpTaskTeleported\"}");
            KAFKA.publish(Topics.FOLLOWUP_TASKS, contact, "{\"contactId\":\"" + contact + "\"}");

            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> contact.equals(r.key()), Duration.ofSeconds(60));
            assertThat(dead.value()).isEqualTo("{\"contactId\":\"" + contact + "\"}");
            assertThat(new String(dead.headers().lastHeader("x-exception-message").value())).contains("no eventType");
            dlq.assertNoRecord(r -> contact.equals(r.key()) && r != dead, Duration.ofSeconds(2));
        }
    }
}
