package io.pulseloop.survey.triggers;

import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.response.SurveyUnsubscribed;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 11 #1: a record with a null value (a tombstone) amid good records. It must reach the consumer's dead-letter
 * topic with its cause, and every good record of the same batch must still be processed — never the whole batch
 * discarded because one record is bad. Checked for both consumers of the service.
 */
class TombstoneIntegrationTests extends SurveyIntegrationTestBase {

    private static final String CONTACTS_DLQ = Topics.CRM_CONTACTS + ".survey-service.dlq";
    private static final String RESPONSES_DLQ = Topics.RESPONSE_RESPONSES + ".survey-service.dlq";

    @Test
    void aTombstoneAmidTriggersIsDeadLetteredWithItsCauseAndEveryGoodTriggerIsDecided() {
        Instant now = workingMorning();
        KAFKA.createTopic(CONTACTS_DLQ, 12);
        String tombstoneKey = CrmEvents.newContactId("tombstone");
        List<String> contacts = new ArrayList<>();
        List<TicketClosed> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String contactId = CrmEvents.newContactId("amid-tombstone");
            contacts.add(contactId);
            tickets.add(CrmEvents.ticketClosed(contactId, "T-" + i, now));
        }
        try (TopicProbe deadLetters = KAFKA.openProbe(CONTACTS_DLQ)) {
            contacts.forEach(contactId -> publish(CrmEvents.contact(contactId, "en", now)));
            for (int i = 0; i < tickets.size(); i++) {
                if (i == tickets.size() / 2) {
                    KAFKA.publish(Topics.CRM_CONTACTS, tombstoneKey, (String) null);
                }
                publish(tickets.get(i));
            }

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(withKey(tombstoneKey), ASYNC);
            assertThat(dead.value()).isNull();
            assertThat(KafkaRecords.header(dead, "kafka_dlt-exception-message")).contains("no value");
            assertThat(KafkaRecords.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.CRM_CONTACTS);
            for (TicketClosed ticket : tickets) {
                assertThat(awaitDecision(ticket.contactId(), "SCHEDULED", "ELIGIBLE"))
                        .containsEntry("triggerEventId", ticket.eventId());
            }
        }
    }

    @Test
    void aTombstoneOnTheResponsesTopicIsDeadLetteredWithItsCauseAndTheNextEventIsApplied() {
        Instant now = workingMorning();
        KAFKA.createTopic(RESPONSES_DLQ, 12);
        String contactId = CrmEvents.newContactId("responses-tombstone");
        publish(CrmEvents.contact(contactId, "en", now));
        try (TopicProbe deadLetters = KAFKA.openProbe(RESPONSES_DLQ)) {
            KAFKA.publish(Topics.RESPONSE_RESPONSES, contactId, (String) null);
            publish(new SurveyUnsubscribed("unsub-" + contactId, now, contactId, "corr-" + contactId,
                    "inv-" + contactId, "support-csat", true));

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(withKey(contactId), ASYNC);
            assertThat(dead.value()).isNull();
            assertThat(KafkaRecords.header(dead, "kafka_dlt-exception-message")).contains("no value");
            assertThat(awaitDecision(contactId, "SUPPRESSED", "UNSUBSCRIBED")).isNotNull();
        }
    }
}
