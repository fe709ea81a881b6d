package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.privacy.PersonalDataOpener;
import io.pulseloop.platform.privacy.PersonalDataSealer;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** Contract §2.1 over the real broker: modes, deduplication, dead letters, unknown types, order. */
class KafkaInboundIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    PersonalDataSealer sealer;

    @Autowired
    PersonalDataOpener opener;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ErasedContacts erasedContacts;

    @Autowired
    KafkaPublishing publishing;

    @Autowired
    InboundProperties properties;

    @Test
    void publishesStructuredModeContactUpsertAsCanonicalEventKeyedByContact() {
        String contactId = CloudEvents.uniqueId("c");
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"), contactId, time, "jana@example.com"));

            ConsumerRecord<String, String> canonical = contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
            assertThat(canonical.value()).contains("\"eventType\":\"ContactUpserted\"",
                    "\"email\":\"pii:v1:crm-sync/" + contactId + ":", "\"occurredAt\":\"" + time + "\"",
                    "\"source\":\"crm://acme-hubspot\"").doesNotContain("jana@example.com");
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
            assertThat(canonical.value()).contains("\"eventType\":\"TicketClosed\"", "\"ticketType\":\"repair\"",
                    "\"sourceEventId\":\"" + id + "\"");
        }
    }

    @Test
    void publishesOwnerUpsertOnOwnersTopicKeyedByOwner() {
        String ownerId = CloudEvents.uniqueId("own");
        try (TopicProbe owners = kafka.openProbe(Topics.CRM_OWNERS)) {
            kafka.publish(Topics.CRM_INBOUND, ownerId,
                    CloudEvents.ownerUpserted(CloudEvents.uniqueId("evt"), ownerId, Instant.now()));

            assertThat(owners.awaitRecord(KafkaRecords.withKey(ownerId), WAIT).value())
                    .contains("\"managerId\":\"mgr-1\"", "\"ownerId\":\"" + ownerId + "\"");
        }
    }

    @Test
    void duplicateDeliveryHasOneEffect() {
        String contactId = CloudEvents.uniqueId("c");
        String event = CloudEvents.dealWon(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        double duplicatesBefore = count("pulseloop.crmsync.inbound.duplicates", "type", "crm.deal.won");
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId, event);
            kafka.publish(Topics.CRM_INBOUND, contactId, event);
            contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
            kafka.publish(Topics.CRM_INBOUND, contactId, event);

            await().atMost(WAIT).until(() -> count("pulseloop.crmsync.inbound.duplicates", "type", "crm.deal.won")
                    >= duplicatesBefore + 2);
            assertThat(contacts.records().stream().filter(KafkaRecords.withKey(contactId))).hasSize(1);
        }
    }

    @Test
    void deduplicationSurvivesARestartBecauseItIsInMongo() {
        String contactId = CloudEvents.uniqueId("c");
        String event = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId, event);
            contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
        }
        // a new pipeline with nothing in memory, as after a restart, sees another copy of the event (another record)
        CrmInboundPipeline restarted = new CrmInboundPipeline(new ProcessedEvents(mongo, Clock.systemUTC()),
                erasedContacts, publishing, new InboundMetrics(meters), properties, sealer);
        InboundRecord redelivered = new InboundRecord(Topics.CRM_INBOUND, 99, 0, 0, contactId,
                event.getBytes(StandardCharsets.UTF_8), Map.of());

        CrmInboundPipeline.BatchOutcome outcome = restarted.process(List.of(redelivered));

        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.published()).isZero();
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicWithItsCauseAndTheNextRecordFlows() {
        String contactId = CloudEvents.uniqueId("c");
        String invalid = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now())
                .replace("\"contactId\"", "\"customerId\"");
        try (TopicProbe dlq = kafka.openProbe(Topics.CRM_INBOUND_DLQ);
                TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            RecordMetadata poison = kafka.publish(Topics.CRM_INBOUND, contactId, invalid);
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.dealWon(CloudEvents.uniqueId("evt"), contactId, Instant.now()));

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
            assertThat(dead.value()).isEqualTo(invalid);
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-reason")).isEqualTo("invalid");
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-field")).isEqualTo("data.contactId");
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-error")).isEqualTo("data.contactId: is required");
            assertThat(KafkaRecords.header(dead, "x-exception-message")).isEqualTo("data.contactId: is required");
            assertThat(KafkaRecords.header(dead, "x-exception-fqcn")).endsWith("InvalidCrmEventException");
            assertThat(KafkaRecords.header(dead, "x-original-topic")).isEqualTo(Topics.CRM_INBOUND);
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-original-partition"))
                    .isEqualTo(Integer.toString(poison.partition()));
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-original-offset"))
                    .isEqualTo(Long.toString(poison.offset()));
            assertThat(ByteBuffer.wrap(raw(dead, "x-original-partition")).getInt()).isEqualTo(poison.partition());
            assertThat(ByteBuffer.wrap(raw(dead, "x-original-offset")).getLong()).isEqualTo(poison.offset());
            assertThat(contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT).value()).contains("DealWon");
        }
        assertThat(count("pulseloop.crmsync.inbound.dead-lettered", "field", "data.contactId")).isPositive();
    }

    @Test
    void unreadableRecordIsDeadLetteredWithoutField() {
        String key = CloudEvents.uniqueId("c");
        try (TopicProbe dlq = kafka.openProbe(Topics.CRM_INBOUND_DLQ)) {
            kafka.publish(Topics.CRM_INBOUND, key, new byte[] {(byte) 0xC3, '{', 'x'}, Map.of());

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(key), WAIT);
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-reason")).isEqualTo("invalid");
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-error")).startsWith("not valid JSON");
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-field")).isNull();
        }
    }

    @Test
    void unknownTypeIsSkippedAndCounted() {
        String contactId = CloudEvents.uniqueId("c");
        double before = count("pulseloop.crmsync.inbound.unknown-types", null, null);
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS);
                TopicProbe dlq = kafka.openProbe(Topics.CRM_INBOUND_DLQ)) {
            kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.event(CloudEvents.uniqueId("evt"),
                    "crm.invoice.paid", Instant.now(), Map.of("contactId", contactId)));
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now()));

            assertThat(contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT).value()).contains("TicketClosed");
            assertThat(count("pulseloop.crmsync.inbound.unknown-types", null, null)).isEqualTo(before + 1);
            assertThat(dlq.records().stream().filter(KafkaRecords.withKey(contactId))).isEmpty();
            assertThat(contacts.records().stream().filter(KafkaRecords.withKey(contactId))).hasSize(1);
        }
    }

    @Test
    void keepsTheOrderOfOneContactsEvents() {
        String contactId = CloudEvents.uniqueId("c");
        Instant time = Instant.now();
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            for (int i = 0; i < 20; i++) {
                kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted("order-" + contactId + "-" + i,
                        contactId, time.plusMillis(i), "v" + i + "@example.com"));
            }

            List<ConsumerRecord<String, String>> published = contacts.awaitRecords(20,
                    KafkaRecords.withKey(contactId), WAIT);
            for (int i = 0; i < 20; i++) {
                ContactUpserted event = (ContactUpserted) EventJson.mapper().readValue(published.get(i).value(),
                        CrmContactEvent.class);
                assertThat(opener.open(event.email())).isEqualTo("v" + i + "@example.com");
            }
        }
    }

    private double count(String name, String tag, String value) {
        var search = meters.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static byte[] raw(ConsumerRecord<String, String> record, String header) {
        Header last = record.headers().lastHeader(header);
        assertThat(last).as(header).isNotNull();
        return last.value();
    }
}
