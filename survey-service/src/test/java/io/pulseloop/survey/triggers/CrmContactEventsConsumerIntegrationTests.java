package io.pulseloop.survey.triggers;

import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** A record that can never be read goes to the binding's dead-letter topic with the cause; the rest keeps flowing. */
class CrmContactEventsConsumerIntegrationTests extends SurveyIntegrationTestBase {

    private static final String DLQ = Topics.CRM_CONTACTS + ".survey-service.dlq";

    @Test
    void deadLettersAnUnreadableRecordWithItsCauseAndKeepsDecidingTheOthers() {
        Instant now = workingMorning();
        String contactId = CrmEvents.newContactId("poison");
        KAFKA.createTopic(DLQ, 12);
        try (TopicProbe deadLetters = KAFKA.openProbe(DLQ)) {
            publish(CrmEvents.contact(contactId, "en", now));
            KAFKA.publish(Topics.CRM_CONTACTS, contactId, "{\"eventType\": \"TicketClosed\", \"contactId\": ");
            KAFKA.publish(Topics.CRM_CONTACTS, contactId, "{\"eventType\": \"ContactMerged\", \"contactId\": \""
                    + contactId + "\"}");
            TicketClosed ticket = CrmEvents.ticketClosed(contactId, "T-1", now);
            publish(ticket);

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(withKey(contactId), ASYNC);
            assertThat(dead.value()).startsWith("{\"eventType\": \"TicketClosed\"");
            assertThat(KafkaRecords.header(dead, "kafka_dlt-exception-message")).contains("not a readable event");
            assertThat(KafkaRecords.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.CRM_CONTACTS);
            assertThat(awaitDecision(contactId, "SCHEDULED", "ELIGIBLE"))
                    .containsEntry("triggerEventId", ticket.eventId());
        }
    }
}
