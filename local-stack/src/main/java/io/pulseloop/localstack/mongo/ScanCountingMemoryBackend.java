package io.pulseloop.localstack.mongo;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The in-memory backend, counting into {@link CollectionScans} every query that it answers by reading the whole
 * collection. {@code matchDocuments} without positions is the library's one path for a filter no index handles
 * (an index lookup goes through the overload that takes the index's positions).
 */
final class ScanCountingMemoryBackend extends MemoryBackend {

    private final CollectionScans scans;

    ScanCountingMemoryBackend(CollectionScans scans) {
        this.scans = scans;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                String namespace = databaseName + "." + collectionName;
                return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                    @Override
                    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip,
                            int limit, int batchSize, Document fieldSelector) {
                        scans.record(namespace, query, count());
                        return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                    }
                };
            }
        };
    }
}
