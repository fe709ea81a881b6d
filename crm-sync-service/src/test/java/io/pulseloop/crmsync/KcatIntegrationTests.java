package io.pulseloop.crmsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * A real external Kafka client, kcat, publishes contract events of every type of §2.1 to the broker; the service's
 * effect is asserted on its topics. Skipped, saying why, where kcat is missing (CI installs it).
 */
class KcatIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void eventsPublishedWithKcatBecomeCanonicalEventsDeadLettersAndOneEffectPerId() {
        Assumptions.assumeTrue(Shell.has("kcat"), "kcat is not installed (apt-get install -y kcat): skipped");
        String contactId = CloudEvents.uniqueId("kcat");
        String ownerId = CloudEvents.uniqueId("kcat-owner");
        Instant t = Instant.now();
        String upsert = CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"), contactId, t, "k@example.com");
        List<String> lines = List.of(
                contactId + "|" + upsert,
                contactId + "|" + upsert,
                ownerId + "|" + CloudEvents.ownerUpserted(CloudEvents.uniqueId("evt"), ownerId, t),
                contactId + "|" + CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, t.plusSeconds(1)),
                contactId + "|" + CloudEvents.dealWon(CloudEvents.uniqueId("evt"), contactId, t.plusSeconds(2)),
                contactId + "|" + "{\"specversion\":\"1.0\",\"id\":\"broken-" + contactId + "\"}",
                contactId + "|" + CloudEvents.dealLost(CloudEvents.uniqueId("evt"), contactId, t.plusSeconds(3),
                        "competitor"),
                contactId + "|" + CloudEvents.contactErased(CloudEvents.uniqueId("evt"), contactId, t.plusSeconds(4)));
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS);
                TopicProbe owners = kafka.openProbe(Topics.CRM_OWNERS);
                TopicProbe dlq = kafka.openProbe(Topics.CRM_INBOUND_DLQ)) {
            Shell.run("printf '%s\\n' \"$LINES\" | kcat -P -b " + kafka.bootstrapServers() + " -t "
                    + Topics.CRM_INBOUND + " -K '|'", Map.of("LINES", String.join("\n", lines)));

            List<ConsumerRecord<String, String>> canonical = contacts.awaitRecords(5,
                    KafkaRecords.withKey(contactId), WAIT);
            assertThat(canonical).extracting(r -> r.value().replaceAll(".*\"eventType\":\"(\\w+)\".*", "$1"))
                    .containsExactly("ContactUpserted", "TicketClosed", "DealWon", "DealLost", "ContactErased");
            assertThat(owners.awaitRecord(KafkaRecords.withKey(ownerId), WAIT).value()).contains("\"managerId\":\"mgr-1\"");
            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
            assertThat(KafkaRecords.header(dead, "pulseloop-dlq-field")).isEqualTo("source");
        }
    }
}
