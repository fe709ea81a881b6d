package io.pulseloop.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 11 #1 checked for response-service's consumers: a record without a value (a tombstone) among good records
 * goes to the binding's dead-letter topic with its cause, and every good record around it is processed. Both
 * consumers take one record at a time (no batch listener), and the good records share the tombstone's key, so
 * they are on its partition, before and after it.
 */
class TombstoneIntegrationTests extends ResponseServiceIntegrationTest {

    @Test
    void aTombstoneOnTheInvitationTopicIsDeadLetteredWithItsCauseAndTheGoodRecordsAroundItAreRecorded() {
        String key = "tombstone-" + TestInvitations.newToken();
        List<TestInvitations.Sent> good = new ArrayList<>();
        try (TopicProbe dlq = kafka().openProbe("survey.invitations.v1.response-service.dlq")) {
            for (int i = 0; i < 20; i++) {
                if (i == 10) {
                    kafka().publish(Topics.SURVEY_INVITATIONS, key, (byte[]) null, Map.of());
                }
                TestInvitations.Sent sent = TestInvitations.nps("en", now());
                kafka().publish(Topics.SURVEY_INVITATIONS, key, sent.json());
                good.add(sent);
            }

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(key), Duration.ofSeconds(60));

            assertThat(dead.value()).isNull();
            assertThat(KafkaRecords.header(dead, "x-exception-message")).contains("no value");
            assertThat(KafkaRecords.header(dead, "x-original-topic")).isEqualTo(Topics.SURVEY_INVITATIONS);
            await().atMost(WAIT).untilAsserted(() -> assertThat(good).allSatisfy(sent ->
                    assertThat(invitationDirectory.findByToken(sent.token())).isPresent()));
            dlq.assertNoRecord(r -> KafkaRecords.withKey(key).test(r) && r != dead, Duration.ofMillis(500));
        }
    }

    @Test
    void aTombstoneOnTheContactTopicIsDeadLetteredWithItsCauseAndTheErasuresAroundItAreApplied() {
        String key = "tombstone-" + TestInvitations.newToken();
        List<TestInvitations.Sent> erased = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            erased.add(inviteNps("en"));
        }
        try (TopicProbe dlq = kafka().openProbe("crm.contacts.v1.response-service.dlq")) {
            for (int i = 0; i < erased.size(); i++) {
                if (i == 3) {
                    kafka().publish(Topics.CRM_CONTACTS, key, (byte[]) null, Map.of());
                }
                TestInvitations.Sent sent = erased.get(i);
                ContactErased event = new ContactErased("evt-" + TestInvitations.newToken(), now(), sent.contactId(),
                        "corr", "crm", "src-" + i);
                kafka().publish(Topics.CRM_CONTACTS, key,
                        EventJson.mapper().writerFor(CrmContactEvent.class).writeValueAsString(event));
            }

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(key), Duration.ofSeconds(60));

            assertThat(KafkaRecords.header(dead, "x-exception-message")).contains("no value");
            await().atMost(WAIT).untilAsserted(() -> assertThat(erased).allSatisfy(sent ->
                    assertThat(invitationDirectory.findByToken(sent.token()).orElseThrow().erasedAt()).isNotNull()));
        }
    }
}
