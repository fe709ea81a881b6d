package io.pulseloop.testsupport.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * What only the containers give: a real MongoDB replica set. Skipped, with the reason, where no Docker engine answers.
 */
@RequiresContainers("a MongoDB replica set (multi-document transactions)")
class ContainerInfrastructureIntegrationTests {

    @Test
    void commitsAMultiDocumentTransaction() {
        try (MongoClient client = MongoClients.create(SharedInfrastructure.get().mongoConnectionString());
                ClientSession session = client.startSession()) {
            MongoCollection<Document> tasks = client.getDatabase("test-" + UUID.randomUUID().toString().substring(0, 8))
                    .getCollection("tasks");
            tasks.insertOne(new Document("_id", "warm-up"));

            session.withTransaction(() -> {
                tasks.insertOne(session, new Document("_id", "t-1"));
                tasks.insertOne(session, new Document("_id", "t-2"));
                return null;
            });

            assertThat(tasks.countDocuments()).isEqualTo(3);
        }
    }
}
