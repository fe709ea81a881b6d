package io.pulseloop.localstack.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A secondary (non-unique) index for the in-memory store, which the library leaves out: it keeps the documents'
 * positions by the value of the index's first field, sorted, so that a filter with an equality, an {@code $in}, a
 * range ({@code $lt}, {@code $lte}, {@code $gt}, {@code $gte}) or {@code $exists: true} on that field reads the
 * documents that can match instead of the whole collection: a survey scheduler's claim of due steps
 * ({@code nextActionAt <= now}) reads what is due, not every invitation ever stored. A real MongoDB answers these
 * filters from the same declared indexes.
 *
 * <p>It only narrows: the positions it gives are a superset of the matches, and the library matches each of those
 * documents against the whole filter, sorts and limits, exactly as on a scan. So it leaves out only what cannot match:
 * values of another type than the filter's (MongoDB compares within a type), and documents without the field, for the
 * operators that never match a missing field. Whatever it cannot place in order (arrays, embedded documents, nulls,
 * {@code NaN}, other types) is always among the candidates. Strings are kept for equality only: MongoDB orders them
 * by their UTF-8 bytes, Java by UTF-16 units.
 *
 * <p>Not thread-safe on its own: the library calls it only under its collection's lock.
 */
final class SortedFieldIndex extends Index<Integer> {

    /** The types a filter's value is compared within. */
    private enum Kind { NUMBER, DATE, STRING, BOOLEAN }

    /** What a filter asks of the field, in terms of this index; null where the index cannot narrow it. */
    private sealed interface Plan permits Range, AnyOf, Present {
    }

    /** Inclusive bounds (an exclusive bound only adds the bound's own documents, which the filter then drops). */
    private record Range(Kind kind, Comparable<?> lower, Comparable<?> upper) implements Plan {
    }

    private record AnyOf(List<Entry> values) implements Plan {
    }

    private record Present() implements Plan {
    }

    /** A value this index keeps in order: its type and its normalised value. */
    private record Entry(Kind kind, Comparable<?> value) {
    }

    private static final Object NULL = new Object();
    private static final Object UNORDERED = new Object();

    private final String field;
    private final Map<Kind, NavigableMap<Comparable<?>, Set<Integer>>> sorted = new EnumMap<>(Kind.class);
    private final Set<Integer> nulls = new HashSet<>();
    /** Arrays, embedded documents, NaN, ids, other types: not placed in order, so always candidates. */
    private final Set<Integer> unordered = new HashSet<>();
    /** What each position is filed under: an {@link Entry}, {@link #NULL}, {@link #UNORDERED}, or absent. */
    private final Map<Integer, Object> filedAs = new HashMap<>();
    private final Map<Object, Integer> positionOfId = new HashMap<>();

    SortedFieldIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
        for (Kind kind : Kind.values()) {
            sorted.put(kind, new TreeMap<>());
        }
    }

    @Override
    public Integer getPosition(Document document) {
        // the _id index places documents; a non-unique index cannot
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        // no constraint to check
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
        positionOfId.put(document.get("_id"), position);
        file(position, document);
    }

    @Override
    public Integer remove(Document document) {
        Integer position = positionOfId.remove(document.get("_id"));
        if (position != null) {
            unfile(position);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        // no constraint to check
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Integer position,
            MongoCollection<Integer> collection) {
        unfile(position);
        file(position, newDocument);
    }

    @Override
    public boolean canHandle(Document query) {
        return plan(query) != null;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        Plan plan = plan(query);
        List<Integer> positions = new ArrayList<>(unordered);
        if (plan instanceof Range range) {
            range(range).values().forEach(positions::addAll);
        } else if (plan instanceof AnyOf anyOf) {
            for (Entry entry : anyOf.values()) {
                positions.addAll(sorted.get(entry.kind()).getOrDefault(entry.value(), Set.of()));
            }
        } else {
            sorted.values().forEach(values -> values.values().forEach(positions::addAll));
            positions.addAll(nulls);
        }
        return positions;
    }

    /**
     * The candidates of a range filter grouped by value, in the order of {@code orderBy}, when that order starts with
     * this field and every candidate is placed in order; null otherwise. Lets a sorted, limited query (a claim of the
     * oldest due steps) stop once it has enough matches: after a whole group, as later sort keys order within it.
     */
    Iterable<Set<Integer>> inOrder(Document query, Document orderBy) {
        if (orderBy == null || orderBy.isEmpty() || !field.equals(orderBy.keySet().iterator().next())
                || !unordered.isEmpty() || !(plan(query) instanceof Range range)) {
            return null;
        }
        NavigableMap<Comparable<?>, Set<Integer>> values = range(range);
        boolean descending = orderBy.get(field) instanceof Number direction && direction.intValue() < 0;
        return (descending ? values.descendingMap() : values).values();
    }

    @Override
    public long getCount() {
        return positionOfId.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void drop() {
        sorted.values().forEach(Map::clear);
        nulls.clear();
        unordered.clear();
        filedAs.clear();
        positionOfId.clear();
    }

    private NavigableMap<Comparable<?>, Set<Integer>> range(Range range) {
        NavigableMap<Comparable<?>, Set<Integer>> values = sorted.get(range.kind());
        if (range.lower() != null && range.upper() != null) {
            return compare(range.lower(), range.upper()) > 0 ? new TreeMap<>()
                    : values.subMap(range.lower(), true, range.upper(), true);
        }
        if (range.lower() != null) {
            return values.tailMap(range.lower(), true);
        }
        return values.headMap(range.upper(), true);
    }

    private void file(Integer position, Document document) {
        Object value = Utils.getSubdocumentValueCollectionAware(document, field);
        if (value instanceof Missing || value instanceof Collection<?> values
                && values.stream().allMatch(Missing.class::isInstance)) {
            return;
        }
        Entry entry = value instanceof Collection<?> ? null : entry(value);
        if (value == null) {
            nulls.add(position);
            filedAs.put(position, NULL);
        } else if (entry == null) {
            unordered.add(position);
            filedAs.put(position, UNORDERED);
        } else {
            sorted.get(entry.kind()).computeIfAbsent(entry.value(), key -> new HashSet<>()).add(position);
            filedAs.put(position, entry);
        }
    }

    private void unfile(Integer position) {
        Object filed = filedAs.remove(position);
        if (filed == NULL) {
            nulls.remove(position);
        } else if (filed == UNORDERED) {
            unordered.remove(position);
        } else if (filed instanceof Entry entry) {
            NavigableMap<Comparable<?>, Set<Integer>> values = sorted.get(entry.kind());
            Set<Integer> positions = values.get(entry.value());
            if (positions != null) {
                positions.remove(position);
                if (positions.isEmpty()) {
                    values.remove(entry.value());
                }
            }
        }
    }

    /**
     * What the filter asks of this index's field: at its top level or in a top-level {@code $and}. A filter that pins
     * {@code _id} is left to the {@code _id} index.
     */
    private Plan plan(Map<String, ?> query) {
        if (LocalMemoryBackend.idsOf(query) != null) {
            return null;
        }
        if (query.containsKey(field)) {
            return planFor(query.get(field));
        }
        if (query.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Map<?, ?> map && map.containsKey(field)) {
                    Plan plan = planFor(map.get(field));
                    if (plan != null) {
                        return plan;
                    }
                }
            }
        }
        return null;
    }

    private static Plan planFor(Object condition) {
        if (!(condition instanceof Map<?, ?> operators)) {
            Entry entry = entry(condition);
            return entry == null ? null : new Range(entry.kind(), entry.value(), entry.value());
        }
        if (operators.isEmpty() || operators.keySet().stream().anyMatch(key -> !key.toString().startsWith("$"))) {
            return null; // an embedded document compared as a whole
        }
        Entry lower = null;
        Entry upper = null;
        List<Entry> anyOf = null;
        boolean exists = false;
        for (Map.Entry<?, ?> operator : operators.entrySet()) {
            Object operand = operator.getValue();
            switch (operator.getKey().toString()) {
                case "$eq" -> {
                    lower = entry(operand);
                    upper = lower;
                    if (lower == null) {
                        return null;
                    }
                }
                case "$gt", "$gte" -> lower = entry(operand);
                case "$lt", "$lte" -> upper = entry(operand);
                case "$in" -> anyOf = entries(operand);
                case "$exists" -> exists = Utils.isTrue(operand);
                default -> {
                    // applied by the matcher to the candidates
                }
            }
        }
        if (lower != null || upper != null) {
            Kind kind = (lower != null ? lower : upper).kind();
            if (lower != null && upper != null && lower.kind() != upper.kind()
                    || kind == Kind.STRING && (lower == null || upper == null || !lower.equals(upper))) {
                return null;
            }
            return new Range(kind, lower == null ? null : lower.value(), upper == null ? null : upper.value());
        }
        if (anyOf != null) {
            return new AnyOf(anyOf);
        }
        return exists ? new Present() : null;
    }

    /** The values of an {@code $in}, or null when one of them is not kept in order (null matches a missing field). */
    private static List<Entry> entries(Object operand) {
        if (!(operand instanceof Collection<?> values)) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        for (Object value : values) {
            Entry entry = entry(value);
            if (entry == null) {
                return null;
            }
            entries.add(entry);
        }
        return entries;
    }

    /** A value this index keeps in order, normalised as MongoDB compares it; null for any other. */
    private static Entry entry(Object value) {
        if (value instanceof Number number) {
            double normalised = number.doubleValue();
            if (Double.isNaN(normalised)) {
                return null;
            }
            return new Entry(Kind.NUMBER, normalised == 0 ? 0.0 : normalised);
        }
        if (value instanceof Instant instant) {
            return new Entry(Kind.DATE, instant.toEpochMilli());
        }
        if (value instanceof Date date) {
            return new Entry(Kind.DATE, date.getTime());
        }
        if (value instanceof String string) {
            return new Entry(Kind.STRING, string);
        }
        if (value instanceof Boolean flag) {
            return new Entry(Kind.BOOLEAN, flag);
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> a, Comparable<?> b) {
        return ((Comparable) a).compareTo(b);
    }
}
