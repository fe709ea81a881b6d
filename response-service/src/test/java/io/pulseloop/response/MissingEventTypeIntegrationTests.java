package io.pulseloop.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 15 (faults, a poison record in every consumed topic): a JSON record without any {@code eventType} on either
 * topic this service reads is no event, and goes to the binding's dead-letter topic with its cause — before, the
 * readers took it for an event type this version does not know and skipped it (on {@code crm.contacts.v1} without
 * even counting it). A record of a type this version does not know is still skipped, not dead-lettered, and an
 * invitation published behind them is recorded.
 */
class MissingEventTypeIntegrationTests extends ResponseServiceIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {Topics.SURVEY_INVITATIONS, Topics.CRM_CONTACTS})
    void aRecordWithoutEventTypeIsDeadLetteredAndOneOfAnUnknownTypeIsSkipped(String topic) {
        String key = "no-type-" + TestInvitations.newToken();
        try (TopicProbe dlq = kafka().openProbe(topic + ".response-service.dlq")) {
            kafka().publish(topic, key, "{\"eventId\":\"e-" + key + "\",\"contactId\":\"" + key + "\"}");
            kafka().publish(topic, key, "{\"eventType\":\"SomethingNew\",\"eventId\":\"n-" + key + "\"}");
            TestInvitations.Sent good = TestInvitations.nps("en", now());
            kafka().publish(Topics.SURVEY_INVITATIONS, key, good.json());

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(key), Duration.ofSeconds(60));

            assertThat(dead.value()).contains("e-" + key);
            assertThat(KafkaRecords.header(dead, "x-exception-message")).contains("no eventType");
            await().atMost(WAIT).until(() -> invitationDirectory.findByToken(good.token()).isPresent());
            dlq.assertNoRecord(r -> KafkaRecords.withKey(key).test(r) && r != dead, Duration.ofSeconds(2));
        }
    }
}
