package io.pulseloop.localstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectionScansTests {

    private final CollectionScans scans = new CollectionScans();
    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> tasks;

    @BeforeEach
    void start() {
        server = new MongoServer(new LocalMemoryBackend(scans));
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://localhost:" + address.getPort());
        tasks = client.getDatabase("closed-loop").getCollection("tasks");
        tasks.insertMany(IntStream.range(0, 50).mapToObj(i -> new Document("_id", "t-" + i)
                .append("contactId", "c-" + i % 10).append("status", i % 2 == 0 ? "OPEN" : "DONE")).toList());
        scans.drain();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anIdLookupAndAnIdUpsertReadNoCollection() {
        assertThat(tasks.find(Filters.eq("_id", "t-7")).first()).isNotNull();
        tasks.replaceOne(Filters.eq("_id", "t-99"), new Document("_id", "t-99").append("status", "OPEN"),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));

        assertThat(scans.drain()).isEmpty();
    }

    @Test
    void anIdWithFurtherConditionsIsAnIdLookupThatStillHonoursTheConditions() {
        // a compare-and-set as Spring Data writes it (flat) and as the driver's Filters.and writes it ($and)
        Document flatHit = new Document("_id", "t-4").append("status", "OPEN");
        Document flatMiss = new Document("_id", "t-4").append("status", "DONE");

        assertThat(tasks.find(flatHit).first()).isNotNull();
        assertThat(tasks.find(flatMiss).first()).isNull();
        assertThat(tasks.find(Filters.and(Filters.eq("_id", "t-5"), Filters.eq("status", "DONE"))).first())
                .isNotNull();
        assertThat(tasks.updateOne(Filters.and(Filters.eq("_id", "t-5"), Filters.eq("status", "OPEN")),
                Updates.set("status", "CLOSED")).getModifiedCount()).as("stale compare-and-set").isZero();
        assertThat(tasks.updateOne(flatHit, Updates.set("status", "CLOSED")).getModifiedCount()).isEqualTo(1);
        assertThat(tasks.find(Filters.eq("_id", "t-4")).first().getString("status"))
                .isEqualTo("CLOSED");
        assertThat(tasks.find(new Document("_id", "t-404").append("status", "OPEN")).first()).isNull();
        // a batch claim's update: the candidates by _id $in, still due and free
        assertThat(tasks.updateMany(Filters.and(Filters.in("_id", List.of("t-6", "t-7", "t-8", "t-404")),
                Filters.eq("status", "OPEN")), Updates.set("status", "CLAIMED")).getModifiedCount()).isEqualTo(2);
        assertThat(tasks.find(Filters.in("_id", List.of("t-6", "t-7", "t-8"))).into(new ArrayList<>()))
                .extracting(d -> d.getString("status")).containsExactlyInAnyOrder("CLAIMED", "DONE", "CLAIMED");

        assertThat(scans.drain()).isEmpty();
    }

    @Test
    void anIdOperatorKeepsTheLibrarysPathAndItsAnswer() {
        long expected = IntStream.range(0, 50).filter(i -> ("t-" + i).compareTo("t-40") >= 0 && i % 2 == 0).count();

        assertThat(tasks.find(new Document("_id", new Document("$gte", "t-40")).append("status", "OPEN"))
                .into(new ArrayList<>())).hasSize((int) expected);

        assertThat(scans.drain()).singleElement().extracting(CollectionScans.Scan::filter)
                .isEqualTo("{_id: {$gte: ?}, status: ?}");
    }

    @Test
    void aFilterOnOtherFieldsIsCountedWithItsCollectionShapeAndDocumentsRead() {
        // the flat filter document Spring Data sends for two criteria
        tasks.find(new Document("contactId", "c-3").append("status", new Document("$in", List.of("OPEN")))).first();
        tasks.find(new Document("contactId", "c-4").append("status", new Document("$in", List.of("DONE")))).first();
        tasks.countDocuments(Filters.eq("status", "OPEN"));

        List<CollectionScans.Scan> found = scans.drain();

        assertThat(found).extracting(CollectionScans.Scan::collection).containsOnly("closed-loop.tasks");
        assertThat(found).filteredOn(scan -> scan.filter().equals("{contactId: ?, status: {$in: ?}}"))
                .singleElement().satisfies(scan -> {
                    assertThat(scan.scans()).isEqualTo(2);
                    assertThat(scan.documents()).isEqualTo(100);
                });
        assertThat(scans.drain()).as("drained").isEmpty();
    }

    @Test
    void aUniqueIndexAnswersItsOwnFilter() {
        client.getDatabase("closed-loop").getCollection("links")
                .createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true));
        MongoCollection<Document> links = client.getDatabase("closed-loop").getCollection("links");
        links.insertOne(new Document("_id", "l-1").append("hash", "h-1"));
        scans.drain();

        assertThat(links.find(Filters.eq("hash", "h-1")).first()).isNotNull();

        assertThat(scans.drain()).isEmpty();
    }

    @Test
    void shapesKeepNamesAndOperatorsAndDropValues() {
        assertThat(CollectionScans.shape(Map.of("status", Map.of("$in", List.of("OPEN", "DONE")))))
                .isEqualTo("{status: {$in: ?}}");
        assertThat(CollectionScans.shape(Map.of("$or", List.of(Map.of("a", 1), Map.of("b", 2), Map.of("a", 3)))))
                .isEqualTo("{$or: [{a: ?}, {b: ?}]}");
    }
}
