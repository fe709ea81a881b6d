package io.pulseloop.closedloop.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

@ClosedLoopIntegrationTest
class OwnerDirectoryIntegrationTests {

    private static final String DLQ = Topics.CRM_OWNERS + ".closed-loop-service.dlq";
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();

    @Autowired
    OwnerDirectory directory;

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void recordsAnOwnerPublishedOnTheBroker() {
        String ownerId = "owner-" + UUID.randomUUID();

        KAFKA.publish(Topics.CRM_OWNERS, ownerId, json(owner(ownerId, "manager-1", Instant.parse("2026-11-20T10:00:00Z"))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(directory.managerOf(ownerId)).contains("manager-1"));
        assertThat(directory.emailOf(ownerId)).contains(ownerId + "@acme.example");
    }

    @Test
    void keepsTheNewerOwnerWhenAnOlderUpdateArrivesLate() {
        String ownerId = "owner-" + UUID.randomUUID();
        KAFKA.publish(Topics.CRM_OWNERS, ownerId, json(owner(ownerId, "new-manager", Instant.parse("2026-11-21T10:00:00Z"))));
        KAFKA.publish(Topics.CRM_OWNERS, ownerId, json(owner(ownerId, "old-manager", Instant.parse("2026-11-01T10:00:00Z"))));
        String marker = "marker-" + UUID.randomUUID();
        KAFKA.publish(Topics.CRM_OWNERS, ownerId, json(owner(marker, "m", Instant.parse("2026-11-21T10:00:00Z"))));

        // same key, same partition: once the marker is in, both earlier records have been applied
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.managerOf(marker).isPresent());
        assertThat(directory.managerOf(ownerId)).contains("new-manager");
    }

    @Test
    void deadLettersAnUnreadableRecordAndGoesOn() {
        String ownerId = "owner-" + UUID.randomUUID();
        try (TopicProbe dlq = KAFKA.openProbe(DLQ)) {
            KAFKA.publish(Topics.CRM_OWNERS, ownerId, "{ this is not json");
            KAFKA.publish(Topics.CRM_OWNERS, ownerId, json(owner(ownerId, "manager-2", Instant.parse("2026-11-20T10:00:00Z"))));

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(ownerId), Duration.ofSeconds(60));
            assertThat(dead.value()).isEqualTo("{ this is not json");
            assertThat(KafkaRecords.headers(dead)).containsEntry("x-original-topic", Topics.CRM_OWNERS)
                    .containsKey("x-exception-message");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(directory.managerOf(ownerId)).contains("manager-2"));
        }
    }

    private static OwnerUpserted owner(String ownerId, String managerId, Instant at) {
        return new OwnerUpserted(UUID.randomUUID().toString(), at, "corr", "crm://test", "src-" + UUID.randomUUID(),
                ownerId, ownerId + "@acme.example", "Owner", managerId, "team-a");
    }

    private static String json(Object event) {
        return EventJson.mapper().writeValueAsString(event);
    }

}
