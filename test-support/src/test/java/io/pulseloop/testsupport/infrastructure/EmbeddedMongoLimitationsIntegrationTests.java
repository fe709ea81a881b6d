package io.pulseloop.testsupport.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.MongoException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins down what the README says the embedded MongoDB wire server does not do, so that a new version that does
 * (or a service that relies on it) is noticed. Runs only in {@link InfrastructureMode#EMBEDDED} mode.
 */
class EmbeddedMongoLimitationsIntegrationTests {

    private MongoClient client;

    private MongoCollection<Document> responses;

    @BeforeEach
    void connect() {
        assumeThat(SharedInfrastructure.mode()).as("limitations of the embedded server only")
                .isEqualTo(InfrastructureMode.EMBEDDED);
        this.client = MongoClients.create(SharedInfrastructure.get().mongoConnectionString());
        this.responses = this.client.getDatabase("test-" + UUID.randomUUID().toString().substring(0, 8))
                .getCollection("responses");
        this.responses.insertOne(new Document("_id", "r-1").append("answeredAt", Date.from(
                Instant.parse("2026-11-22T14:30:00Z"))));
    }

    @AfterEach
    void disconnect() {
        if (this.client != null) {
            this.client.close();
        }
    }

    @Test
    void refusesMultiDocumentTransactions() {
        try (ClientSession session = this.client.startSession()) {
            assertThatExceptionOfType(MongoException.class).isThrownBy(() -> {
                session.startTransaction();
                this.responses.insertOne(session, new Document("_id", "r-2"));
                session.commitTransaction();
            });
        }
    }

    @Test
    void refusesDateTrunc() {
        List<Document> pipeline = List.of(new Document("$project", new Document("day",
                new Document("$dateTrunc", new Document("date", "$answeredAt").append("unit", "day")))));

        assertThatExceptionOfType(MongoException.class)
                .isThrownBy(() -> this.responses.aggregate(pipeline).into(new ArrayList<>()));
    }

    @Test
    void refusesChangeStreams() {
        assertThatExceptionOfType(MongoException.class)
                .isThrownBy(() -> this.responses.watch().cursor().close());
    }

    @Test
    void bucketsByDayWithDateToString() {
        List<Document> pipeline = List.of(new Document("$project", new Document("day",
                new Document("$dateToString", new Document("format", "%Y-%m-%d").append("date", "$answeredAt")))));

        assertThat(this.responses.aggregate(pipeline).first()).containsEntry("day", "2026-11-22");
    }
}
