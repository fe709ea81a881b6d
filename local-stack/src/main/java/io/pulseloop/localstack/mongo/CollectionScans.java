package io.pulseloop.localstack.mongo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The queries the in-memory MongoDB server answered by reading a whole collection, counted by collection and filter
 * shape (field names and operators, values left out); also those that read many documents through a secondary index
 * (the collection is then named with the index), since an index on a field with few values narrows little.
 *
 * <p>The wire server answers {@code _id} and unique-index lookups from an index and every other filter by matching
 * each document of the collection. On a real MongoDB most such filters have a secondary index, so a hot path whose
 * filter scans here is slow only here; but the cost grows with the data, and a benchmark on this server cannot tell
 * "the service is slow" from "the stand-in scans" without this count. {@link MongoStore} logs what it collects.
 */
public final class CollectionScans {

    /** One filter shape on one collection, with the scans and documents read since the last {@link #drain()}. */
    public record Scan(String collection, String filter, long scans, long documents) {
    }

    private record Key(String collection, String filter) {
    }

    private static final class Tally {
        final LongAdder scans = new LongAdder();
        final LongAdder documents = new LongAdder();
    }

    private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();

    /** Counts one scan of {@code collection} (holding {@code documents}) for {@code filter}. */
    void record(String collection, Map<String, Object> filter, int documents) {
        Tally tally = tallies.computeIfAbsent(new Key(collection, shape(filter)), key -> new Tally());
        tally.scans.increment();
        tally.documents.add(documents);
    }

    /** What was scanned since the last call, most documents read first; the counts start again from zero. */
    public List<Scan> drain() {
        List<Scan> scans = new ArrayList<>();
        tallies.forEach((key, tally) -> {
            long count = tally.scans.sumThenReset();
            long documents = tally.documents.sumThenReset();
            if (count > 0) {
                scans.add(new Scan(key.collection(), key.filter(), count, documents));
            }
        });
        scans.sort(Comparator.comparingLong(Scan::documents).reversed());
        return scans;
    }

    /** {@code {contactId: ?, status: {$in: ?}}} for {@code {contactId: "c-1", status: {$in: ["OPEN"]}}}. */
    static String shape(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder shape = new StringBuilder("{");
            map.forEach((name, inner) -> {
                if (shape.length() > 1) {
                    shape.append(", ");
                }
                shape.append(name).append(": ").append(shape(inner));
            });
            return shape.append('}').toString();
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            // $and / $or: the shapes of the clauses; a list of plain values is just a value
            return list.stream().map(CollectionScans::shape).distinct().toList().toString();
        }
        return "?";
    }
}
