package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

class KafkaInboundIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSharedInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishesStructuredModeContactUpsertAsCanonicalEventKeyedByContact() {
        String contactId = CloudEvents.uniqueId("c");
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"), contactId, time, "jana@example.com"));

            ConsumerRecord<String, String> canonical = contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
            assertThat(canonical.value()).contains("\"eventType\":\"ContactUpserted\"", "jana@example.com");
        }
    }

    @Test
    void publishesBinaryModeTicketClosed() {
        String contactId = CloudEvents.uniqueId("c");
        String id = CloudEvents.uniqueId("evt");
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId, "{\"ticketId\":\"t-1\",\"contactId\":\"" + contactId
                    + "\",\"closedAt\":\"2026-11-22T09:00:00Z\",\"ticketType\":\"repair\"}",
                    Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", CloudEvents.SOURCE,
                            "ce_type", "crm.ticket.closed", "ce_time", "2026-11-22T09:00:00Z",
                            "content-type", "application/json"));

            ConsumerRecord<String, String> canonical = contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
            assertThat(canonical.value()).contains("\"eventType\":\"TicketClosed\"", "\"ticketType\":\"repair\"");
        }
    }
}
