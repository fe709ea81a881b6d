package io.pulseloop.testsupport.infrastructure;

import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

class SharedInfrastructureIntegrationTests {

    @Test
    void startsOncePerJvm() {
        Infrastructure infrastructure = SharedInfrastructure.get();

        assertThat(SharedInfrastructure.get()).isSameAs(infrastructure);
        assertThat(infrastructure.mode()).isEqualTo(SharedInfrastructure.mode());
        assertThat(infrastructure.mongoConnectionString()).startsWith("mongodb://");
    }

    @Test
    void roundTripsARecordThroughKafka() {
        String key = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure();
                TopicProbe probe = kafka.openProbe("testsupport.roundtrip.v1")) {
            kafka.publish("testsupport.roundtrip.v1", key, "{\"score\":9}", Map.of("ce_type", "score.recorded"));

            ConsumerRecord<String, String> record = probe.awaitRecord(withKey(key), Duration.ofSeconds(10));
            assertThat(record.value()).isEqualTo("{\"score\":9}");
            assertThat(KafkaRecords.headers(record)).containsEntry("ce_type", "score.recorded");
        }
    }

    @Test
    void roundTripsADocumentThroughMongo() {
        String id = UUID.randomUUID().toString();
        try (MongoClient client = MongoClients.create(SharedInfrastructure.get().mongoConnectionString())) {
            MongoCollection<Document> contacts = client.getDatabase("test-" + id.substring(0, 8))
                    .getCollection("contacts");

            contacts.insertOne(new Document("_id", id).append("locale", "de-CH"));

            assertThat(contacts.find(new Document("_id", id)).first()).containsEntry("locale", "de-CH");
        }
    }
}
