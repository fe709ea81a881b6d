package io.pulseloop.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** The single-document outbox: publish, await, remove exactly what was published; a crash in between republishes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure
class OutboxRelayIntegrationTests {

    static final String TOPIC = "platform.outbox.v1";
    static final KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure();

    @Autowired
    OutboxRelay relay;

    @Autowired
    EventPublisher publisher;

    @Autowired
    MongoTemplate mongo;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    static OutboxEntry entry(String eventId, String key) {
        return new OutboxEntry(eventId, TOPIC, key, "{\"eventId\":\"" + eventId + "\"}", Map.of("eventType", "Noted"));
    }

    String documentWith(List<OutboxEntry> entries) {
        String id = "d-" + UUID.randomUUID();
        mongo.insert(new Document("_id", id).append("state", "recorded"), "notes");
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)),
                OutboxRelay.append(new Update().set("state", "recorded"), entries), "notes");
        return id;
    }

    List<?> outboxOf(String id) {
        return mongo.findById(id, Document.class, "notes").get(OutboxRelay.OUTBOX, List.class);
    }

    @Test
    void publishesTheOutboxThenEmptiesIt() {
        String key = "c-" + UUID.randomUUID();
        String id = documentWith(List.of(entry("e-1-" + key, key), entry("e-2-" + key, key)));
        try (TopicProbe probe = kafka.openProbe(TOPIC)) {
            assertThat(relay.relay("notes", id)).isEqualTo(2);

            List<ConsumerRecord<String, String>> records = probe.awaitRecords(2, KafkaRecords.withKey(key),
                    Duration.ofSeconds(10));
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("{\"eventId\":\"e-1-" + key + "\"}",
                    "{\"eventId\":\"e-2-" + key + "\"}");
            assertThat(KafkaRecords.header(records.get(0), "eventType")).isEqualTo("Noted");
        }
        assertThat(outboxOf(id)).isEmpty();
    }

    @Test
    void republishesWhatACrashLeftBetweenPublishingAndRemoving() {
        // given: a relay published the entry and crashed before removing it
        String key = "c-" + UUID.randomUUID();
        OutboxEntry entry = entry("e-3-" + key, key);
        String id = documentWith(List.of(entry));
        try (TopicProbe probe = kafka.openProbe(TOPIC)) {
            publisher.publish(entry.toOutgoing());

            // when the sweep runs
            relay.relayPending("notes", 1000);

            // then it is published again (consumers deduplicate by event id) and removed: nothing lost
            assertThat(probe.awaitRecords(2, KafkaRecords.withKey(key), Duration.ofSeconds(10)))
                    .extracting(ConsumerRecord::value).containsOnly("{\"eventId\":\"e-3-" + key + "\"}");
        }
        assertThat(outboxOf(id)).isEmpty();
    }

    @Test
    void removesOnlyTheEntriesItPublished() {
        // given: the relay holds e-4; e-5 is appended while it publishes
        String key = "c-" + UUID.randomUUID();
        OutboxEntry published = entry("e-4-" + key, key);
        String id = documentWith(List.of(published, entry("e-5-" + key, key)));

        // when
        relay.relay("notes", id, List.of(published));

        // then
        assertThat(outboxOf(id)).hasSize(1);
        assertThat(((Document) outboxOf(id).get(0)).getString("_id")).isEqualTo("e-5-" + key);
    }
}
