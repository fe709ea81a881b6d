package io.pulseloop.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
        return new OutboxEntry(eventId, TOPIC, key, "Noted", "{\"eventId\":\"" + eventId + "\"}", Map.of(), null);
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
        assertThat(((Document) outboxOf(id).get(0)).getString("eventId")).isEqualTo("e-5-" + key);
    }

    @Test
    void relaysManyDocumentsAtOnceAndKeepsTheOutboxOfOneThatWasNotAcknowledged() {
        // given: two documents, and a third whose entry cannot be sent (no topic: a record Kafka never acknowledges)
        String key = "c-" + UUID.randomUUID();
        String first = documentWith(List.of(entry("e-6-" + key, key), entry("e-7-" + key, key)));
        String second = documentWith(List.of(entry("e-8-" + key, key)));
        OutboxEntry unsendable = new OutboxEntry("e-9-" + key, null, key, "Noted", "{}", Map.of(), null);
        String third = documentWith(List.of(unsendable));

        try (TopicProbe probe = kafka.openProbe(TOPIC)) {
            // when
            Map<Object, List<OutboxEntry>> relayed = relay.relayAll("notes", List.of(
                    new OutboxRelay.Pending(first, List.of(entry("e-6-" + key, key), entry("e-7-" + key, key))),
                    new OutboxRelay.Pending(second, List.of(entry("e-8-" + key, key))),
                    new OutboxRelay.Pending(third, List.of(unsendable))));

            // then
            assertThat(relayed).containsOnlyKeys(first, second);
            assertThat(probe.awaitRecords(3, KafkaRecords.withKey(key), Duration.ofSeconds(10)))
                    .extracting(ConsumerRecord::value).containsExactlyInAnyOrder("{\"eventId\":\"e-6-" + key + "\"}",
                            "{\"eventId\":\"e-7-" + key + "\"}", "{\"eventId\":\"e-8-" + key + "\"}");
        }
        assertThat(outboxOf(first)).isEmpty();
        assertThat(outboxOf(second)).isEmpty();
        assertThat(outboxOf(third)).hasSize(1);
    }

    @Test
    void afterACrashNothingIsLeftUnsentAndOnlyWhatWasInFlightGoesOutTwice() {
        // given: a relay had the outboxes of a and b in flight (published, acknowledged) and died before removing
        // them; c was written but never sent
        String key = "c-" + UUID.randomUUID();
        String collection = "notes-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            String id = name + "-" + key;
            mongo.insert(new Document("_id", id), collection);
            mongo.updateFirst(new Query(Criteria.where("_id").is(id)),
                    OutboxRelay.append(new Update(), List.of(entry("e-" + id, key))), collection);
            ids.add(id);
        }
        try (TopicProbe probe = kafka.openProbe(TOPIC)) {
            Map<Object, List<OutboxEntry>> inFlight = relay.publishAll(List.of(
                    new OutboxRelay.Pending(ids.get(0), List.of(entry("e-" + ids.get(0), key))),
                    new OutboxRelay.Pending(ids.get(1), List.of(entry("e-" + ids.get(1), key)))));
            assertThat(inFlight).hasSize(2);

            // when the next relay sweeps
            assertThat(relay.relayPending(collection, 100)).isEqualTo(3);

            // then every event went out, and only the two in flight twice
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(5, KafkaRecords.withKey(key),
                    Duration.ofSeconds(10));
            assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(
                    "{\"eventId\":\"e-" + ids.get(0) + "\"}", "{\"eventId\":\"e-" + ids.get(0) + "\"}",
                    "{\"eventId\":\"e-" + ids.get(1) + "\"}", "{\"eventId\":\"e-" + ids.get(1) + "\"}",
                    "{\"eventId\":\"e-" + ids.get(2) + "\"}");
        }
        assertThat(relay.relayPending(collection, 100)).as("nothing left").isZero();
    }

    @Test
    void aBacklogRelayStopsAfterTheFirstDocumentWhenItIsNotAcknowledged() {
        // given: a backlog whose first document cannot be published (as while the broker is down)
        String key = "c-" + UUID.randomUUID();
        OutboxEntry unsendable = new OutboxEntry("e-10-" + key, null, key, "Noted", "{}", Map.of(), null);
        String first = documentWith(List.of(unsendable));
        String second = documentWith(List.of(entry("e-11-" + key, key)));

        try (TopicProbe probe = kafka.openProbe(TOPIC)) {
            // when
            Map<Object, List<OutboxEntry>> relayed = relay.relayBacklog("notes", List.of(
                    new OutboxRelay.Pending(first, List.of(unsendable)),
                    new OutboxRelay.Pending(second, List.of(entry("e-11-" + key, key)))));

            // then: the rest of the batch was not even sent, and stays for the next round
            assertThat(relayed).isEmpty();
            probe.assertNoRecord(KafkaRecords.withKey(key), Duration.ofSeconds(2));
        }
        assertThat(outboxOf(second)).hasSize(1);
        assertThat(relay.relayBacklog("notes", List.of(new OutboxRelay.Pending(second,
                List.of(entry("e-11-" + key, key)))))).containsOnlyKeys(second);
    }
}
