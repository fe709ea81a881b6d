package io.pulseloop.localstack.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The library's in-memory backend with three changes. The first: declared secondary indexes are kept
 * ({@link SortedFieldIndex}), where the library ignores them, so a filter on an indexed field reads the documents
 * that can match. The other two are in the path it takes for a filter that no index handles ({@code matchDocuments}
 * without positions; an index lookup takes the overload with the index's positions):
 * <ul>
 *   <li><b>An {@code _id} (or an {@code _id $in}) plus conditions is an {@code _id} lookup.</b> The library uses an index only when the filter
 *   names exactly the index's fields, so a compare-and-set such as {@code {_id: "c-1", revision: 4}}, or
 *   {@code {$and: [{_id: "c-1"}, {revision: 4}]}} as the driver's {@code Filters.and} writes it, read every document
 *   of the collection. A real MongoDB answers both from the {@code _id} index; here, too, now: the document of that
 *   {@code _id} (if any) is matched against the whole filter, so the result is the same.</li>
 *   <li><b>Every other such filter is counted</b> into {@link CollectionScans}, by collection and shape.</li>
 * </ul>
 */
final class LocalMemoryBackend extends MemoryBackend {

    /** Candidates read through a secondary index from which the read is reported like a scan. */
    static final int WIDE_INDEX_READ = 1_000;

    private final CollectionScans scans;

    LocalMemoryBackend(CollectionScans scans) {
        this.scans = scans;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                String namespace = databaseName + "." + collectionName;
                return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                    /**
                     * A query that a secondary index answers reads that index's candidates; one sorted by the
                     * index's field with a limit reads them in order and stops at the limit (a claim of the 1,000
                     * oldest due steps reads those, not every due one). A read of many candidates is counted like a
                     * scan: an index on a field with few values narrows little.
                     */
                    @Override
                    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip,
                            int limit, int batchSize, Document fieldSelector) {
                        if (!(handling(query) instanceof SortedFieldIndex index)) {
                            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize,
                                    fieldSelector);
                        }
                        Iterable<Set<Integer>> ordered = limit > 0 ? index.inOrder(query, orderBy) : null;
                        List<Integer> candidates = new ArrayList<>();
                        int read = 0;
                        if (ordered == null) {
                            index.getPositions(query).forEach(candidates::add);
                            read = candidates.size();
                        } else {
                            for (Set<Integer> sameValue : ordered) {
                                for (Integer position : sameValue) {
                                    read++;
                                    if (documentMatchesQuery(getDocument(position), query)) {
                                        candidates.add(position);
                                    }
                                }
                                if (candidates.size() >= numberToSkip + limit) {
                                    break;
                                }
                            }
                        }
                        if (read >= WIDE_INDEX_READ) {
                            scans.record(namespace + " by index " + index.getName(), query, read);
                        }
                        return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize,
                                fieldSelector);
                    }

                    /** The first index that handles the query, as the library picks it. */
                    private Index<Integer> handling(Document query) {
                        for (Index<Integer> index : getIndexes()) {
                            if (index.canHandle(query)) {
                                return index;
                            }
                        }
                        return null;
                    }

                    @Override
                    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip,
                            int limit, int batchSize, Document fieldSelector) {
                        List<Object> ids = idsOf(query);
                        Index<Integer> primaryKey = ids == null ? null : primaryKey(getIndexes());
                        if (primaryKey != null) {
                            List<Integer> positions = new ArrayList<>();
                            for (Object id : ids) {
                                primaryKey.getPositions(new Document("_id", id)).forEach(positions::add);
                            }
                            return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize,
                                    fieldSelector);
                        }
                        scans.record(namespace, query, count());
                        return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                    }
                };
            }

            @Override
            protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                return new SortedFieldIndex(indexName, keys, sparse);
            }
        };
    }

    /**
     * The {@code _id}s a filter pins with a plain equality or an {@code $in} of plain values, at its top level or in a
     * top-level {@code $and}; null when it pins none (no {@code _id}, another operator, an array or an embedded
     * document: those keep the library's path).
     */
    static List<Object> idsOf(Map<String, ?> query) {
        List<Object> ids = idsIn(query.get("_id"));
        if (ids == null && !query.containsKey("_id") && query.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Map<?, ?> map && (ids = idsIn(map.get("_id"))) != null) {
                    return ids;
                }
            }
        }
        return ids;
    }

    private static List<Object> idsIn(Object condition) {
        if (isPlainValue(condition)) {
            return List.of(condition);
        }
        if (condition instanceof Map<?, ?> operator && operator.size() == 1
                && operator.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(LocalMemoryBackend::isPlainValue)) {
            return List.copyOf(new LinkedHashSet<>(values));
        }
        return null;
    }

    private static boolean isPlainValue(Object value) {
        return value instanceof String || value instanceof Number || value instanceof ObjectId
                || value instanceof UUID;
    }

    private static Index<Integer> primaryKey(List<Index<Integer>> indexes) {
        for (Index<Integer> index : indexes) {
            if (index.getKeys().size() == 1 && "_id".equals(index.getKeys().get(0).getKey())) {
                return index;
            }
        }
        return null;
    }
}
