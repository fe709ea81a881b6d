package io.pulseloop.crmsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 15 (faults, a poison record in every consumed topic): an unreadable record on each internal topic this
 * service consumes reaches {@code <topic>.crm-sync-service.dlq} with its key, value and cause. The binder's
 * dead-letter producer used {@code spring.kafka.producer.key-serializer} (a {@code StringSerializer}, for the
 * canonical events) for the {@code byte[]} keys it got from the consumer, failed with a {@code SerializationException}
 * and the poison record vanished.
 */
class DeadLettersOfInternalTopicsIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {Topics.CRM_CONTACTS, Topics.CRM_OWNERS, Topics.RESPONSE_SCORES, Topics.FOLLOWUP_TASKS,
        Topics.ANALYTICS_SIGNALS})
    void anUnreadableRecordIsDeadLetteredWithItsKeyAndCause(String topic) {
        String key = CloudEvents.uniqueId("poison");
        String dlq = topic + ".crm-sync-service.dlq";
        kafka.ensureTopics(dlq);
        try (TopicProbe deadLetters = kafka.openProbe(dlq)) {
            kafka.publish(topic, key, "{\"eventId\":\"" + key + "\", this is not JSON", Map.of("test", key));

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(KafkaRecords.withKey(key), WAIT);
            assertThat(dead.value()).isEqualTo("{\"eventId\":\"" + key + "\", this is not JSON");
            assertThat(KafkaRecords.header(dead, "test")).isEqualTo(key);
            assertThat(KafkaRecords.header(dead, "x-original-topic")).isEqualTo(topic);
            assertThat(KafkaRecords.header(dead, "x-exception-message")).isNotBlank();
        }
    }
}
