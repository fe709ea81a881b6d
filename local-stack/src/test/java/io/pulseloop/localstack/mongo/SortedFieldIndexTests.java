package io.pulseloop.localstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secondary indexes of the in-memory store must change what a query costs, never what it answers: the same
 * writes and queries go to the library's own backend (which ignores secondary indexes and scans) and to this one,
 * and every answer must be the same.
 */
class SortedFieldIndexTests {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final CollectionScans scans = new CollectionScans();
    private final Random random = new Random(20261207);
    private MongoServer indexedServer;
    private MongoServer scanningServer;
    private MongoClient indexedClient;
    private MongoClient scanningClient;
    private MongoCollection<Document> indexed;
    private MongoCollection<Document> scanning;

    @BeforeEach
    void start() {
        indexedServer = new MongoServer(new LocalMemoryBackend(scans));
        scanningServer = new MongoServer(new MemoryBackend());
        indexedClient = connect(indexedServer.bind());
        scanningClient = connect(scanningServer.bind());
        indexed = indexedClient.getDatabase("survey").getCollection("invitations");
        scanning = scanningClient.getDatabase("survey").getCollection("invitations");
    }

    @AfterEach
    void stop() {
        indexedClient.close();
        scanningClient.close();
        indexedServer.shutdownNow();
        scanningServer.shutdownNow();
    }

    @Test
    void aDueClaimOnAnIndexedFieldReadsNoCollectionAndTakesTheOldestFirst() {
        indexed.createIndex(Indexes.ascending("nextActionAt"), new IndexOptions().sparse(true));
        List<Document> invitations = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Document invitation = new Document("_id", "inv-" + i).append("status", "SENT");
            if (i % 10 == 0) {
                // one in ten has a step, due from 100 minutes ago (i = 0) to 99 minutes ahead (i = 1990)
                invitation.append("nextActionAt", Date.from(T0.plusSeconds(60L * (i / 10 - 100))));
            }
            invitations.add(invitation);
        }
        indexed.insertMany(invitations);
        scans.drain();

        List<Document> claimed = indexed.find(Filters.and(Filters.lte("nextActionAt", Date.from(T0)),
                Filters.or(Filters.eq("leaseUntil", null), Filters.lte("leaseUntil", Date.from(T0)))))
                .sort(Sorts.ascending("nextActionAt")).limit(5).into(new ArrayList<>());

        assertThat(claimed).extracting(invitation -> invitation.getString("_id"))
                .containsExactly("inv-0", "inv-10", "inv-20", "inv-30", "inv-40");
        assertThat(scans.drain()).as("collection scans").isEmpty();
    }

    @Test
    void aReadOfManyDocumentsThroughAnIndexIsReportedLikeAScan() {
        indexed.createIndex(Indexes.ascending("status"));
        indexed.insertMany(java.util.stream.IntStream.range(0, 1_500).mapToObj(i -> new Document("_id", "t-" + i)
                .append("status", i < 1_400 ? "OPEN" : "DONE")).toList());
        scans.drain();

        assertThat(indexed.find(Filters.eq("status", "DONE")).into(new ArrayList<>())).hasSize(100);
        assertThat(scans.drain()).as("a narrow read").isEmpty();
        assertThat(indexed.find(Filters.eq("status", "OPEN")).into(new ArrayList<>())).hasSize(1_400);
        assertThat(scans.drain()).singleElement().satisfies(scan -> {
            assertThat(scan.collection()).isEqualTo("survey.invitations by index status_1");
            assertThat(scan.documents()).isEqualTo(1_400);
        });
    }

    @Test
    void indexedAndScanningStoresAnswerEveryQueryAlikeThroughInsertsUpdatesAndDeletes() {
        indexed.createIndex(Indexes.ascending("at"), new IndexOptions().sparse(true));
        indexed.createIndex(Indexes.ascending("n"));
        indexed.createIndex(Indexes.ascending("s"));
        indexed.createIndex(Indexes.ascending("o.k"), new IndexOptions().sparse(true));
        indexed.createIndex(Indexes.ascending("dirty"));
        indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("n")));
        List<Document> initial = documents(0, 600);
        write(collection -> collection.insertMany(initial));

        for (int round = 0; round < 6; round++) {
            assertAlike(round);
            int from = round * 100;
            // the same random writes to both stores: drawn once, applied twice
            List<Bson> updates = new ArrayList<>();
            for (int i = from; i < from + 100; i += 3) {
                updates.add(Updates.combine(set("at", value(i * 7 + 1, "at")), set("n", value(i * 7 + 2, "n"))));
            }
            Document upserted = documents(from + 1_000, from + 1_001).get(0).append("_id", "u-" + from);
            write(collection -> {
                for (int i = from, update = 0; i < from + 100; i += 3, update++) {
                    collection.updateOne(Filters.eq("_id", "d-" + i), updates.get(update));
                }
                for (int i = from + 1; i < from + 100; i += 11) {
                    collection.deleteOne(Filters.eq("_id", "d-" + i));
                }
                collection.updateMany(Filters.and(Filters.gte("n", 40), Filters.lt("n", 45)),
                        Updates.unset("at"));
                collection.replaceOne(Filters.eq("_id", "u-" + from), upserted, new ReplaceOptions().upsert(true));
                return null;
            });
        }
        assertAlike(6);
    }

    private void assertAlike(int round) {
        Date t = Date.from(T0);
        List<Bson> filters = List.of(
                Filters.lte("at", t), Filters.lt("at", t), Filters.gt("at", t), Filters.gte("at", t),
                Filters.and(Filters.gte("at", Date.from(T0.minusSeconds(1_800))), Filters.lte("at", t)),
                Filters.and(Filters.gte("at", t), Filters.lte("at", Date.from(T0.minusSeconds(60)))),
                Filters.eq("at", Date.from(T0.plusSeconds(600))),
                Filters.in("at", List.of(Date.from(T0.plusSeconds(600)), Date.from(T0.minusSeconds(1_200)))),
                Filters.exists("at"), Filters.exists("at", false), Filters.eq("at", null),
                Filters.and(Filters.lte("at", t), Filters.or(Filters.eq("lease", null), Filters.lte("lease", t))),
                Filters.and(Filters.lte("at", t), Filters.eq("status", "OPEN")),
                Filters.gt("n", 20), Filters.lte("n", 20.5), Filters.eq("n", 7), Filters.eq("n", 7.0),
                Filters.in("n", List.of(3, 4L, 5.0)), Filters.and(Filters.gte("n", 10), Filters.ne("n", 12)),
                Filters.eq("n", "7"), Filters.lt("n", t),
                Filters.eq("s", "s-3"), Filters.in("s", List.of("s-1", "s-4")), Filters.gt("s", "s-5"),
                Filters.exists("o.k"), Filters.eq("o.k", 2),
                Filters.and(Filters.eq("status", "OPEN"), Filters.gt("n", 10)), Filters.eq("status", "DONE"),
                Filters.eq("dirty", true), Filters.eq("dirty", false), Filters.gt("dirty", false));
        for (Bson filter : filters) {
            String described = "round " + round + ", " + filter;
            assertThat(ids(indexed.find(filter))).as(described).isEqualTo(ids(scanning.find(filter)));
            // ties broken by _id, so that both stores must give the same documents in the same order
            for (Bson sort : List.of(Sorts.ascending("at", "_id"), Sorts.orderBy(Sorts.descending("at"),
                    Sorts.ascending("_id")), Sorts.ascending("n", "_id"))) {
                assertThat(inOrder(indexed.find(filter).sort(sort).limit(7)))
                        .as(described + " sorted by " + sort + ", first 7")
                        .isEqualTo(inOrder(scanning.find(filter).sort(sort).limit(7)));
                assertThat(inOrder(indexed.find(filter).sort(sort).skip(3).limit(4)))
                        .as(described + " sorted by " + sort + ", 4 after 3")
                        .isEqualTo(inOrder(scanning.find(filter).sort(sort).skip(3).limit(4)));
            }
            assertThat(indexed.countDocuments(filter)).as(described + " counted")
                    .isEqualTo(scanning.countDocuments(filter));
        }
    }

    /** The documents' ids, in id order: an unsorted query's order is the store's own. */
    private static List<String> ids(FindIterable<Document> found) {
        return found.map(document -> document.get("_id").toString()).into(new ArrayList<>()).stream().sorted()
                .toList();
    }

    private static List<String> inOrder(FindIterable<Document> found) {
        return found.map(document -> document.get("_id").toString()).into(new ArrayList<>());
    }

    private static Bson set(String field, Object value) {
        return value == MISSING ? Updates.unset(field) : Updates.set(field, value);
    }

    private void write(Function<MongoCollection<Document>, Object> writes) {
        writes.apply(indexed);
        writes.apply(scanning);
    }

    /** Documents whose indexed fields take every kind of value: dates, numbers, strings, nulls, arrays, none. */
    private List<Document> documents(int from, int to) {
        List<Document> documents = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Document document = new Document("_id", "d-" + i).append("status", i % 3 == 0 ? "OPEN" : "DONE");
            putUnlessMissing(document, "at", value(i, "at"));
            putUnlessMissing(document, "n", value(i * 13, "n"));
            putUnlessMissing(document, "s", i % 5 == 0 ? null : "s-" + random.nextInt(8));
            if (i % 4 == 0) {
                document.append("o", new Document("k", random.nextInt(3)));
            }
            if (i % 7 != 0) {
                document.append("dirty", i % 7 == 1 ? List.of(true) : random.nextBoolean());
            }
            if (i % 6 == 0) {
                document.append("lease", Date.from(T0.plusSeconds(random.nextInt(600) - 300)));
            }
            documents.add(document);
        }
        return documents;
    }

    private static final Object MISSING = new Object();

    private static void putUnlessMissing(Document document, String field, Object value) {
        if (value != MISSING) {
            document.append(field, value);
        }
    }

    /** Mostly of the field's own kind, sometimes another: dates near T0 for "at", numbers for "n". */
    private Object value(int seed, String field) {
        int pick = Math.floorMod(seed * 31 + random.nextInt(4), 20);
        return switch (pick) {
            case 0 -> MISSING;
            case 1 -> null;
            case 2 -> List.of(Date.from(T0.minusSeconds(300)), Date.from(T0.plusSeconds(300)));
            case 3 -> List.of(3, 50);
            case 4 -> "7";
            case 5 -> new Document("nested", true);
            default -> field.equals("at") ? Date.from(T0.plusSeconds(60L * (random.nextInt(60) - 30)))
                    : switch (pick % 3) {
                        case 0 -> random.nextInt(50);
                        case 1 -> (long) random.nextInt(50);
                        default -> random.nextInt(100) / 2.0;
                    };
        };
    }

    private static MongoClient connect(InetSocketAddress address) {
        return MongoClients.create("mongodb://localhost:" + address.getPort());
    }
}
