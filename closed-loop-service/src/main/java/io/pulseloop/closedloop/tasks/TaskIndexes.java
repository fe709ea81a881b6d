package io.pulseloop.closedloop.tasks;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.stereotype.Component;

/**
 * Secondary indexes for the scans that are not {@code _id} lookups: the list API and the schedulers on
 * {@code tasks}, the outbox sweep on {@code followups}, due deliveries on {@code alerts}. Real MongoDB uses them;
 * a store that cannot create one (the embedded wire server in tests) still answers, by scanning.
 */
@Component
class TaskIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(TaskIndexes.class);

    private final MongoTemplate mongo;

    TaskIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        ensure(TaskViews.COLLECTION, new Document("status", 1).append("dueAt", 1));
        ensure(TaskViews.COLLECTION, new Document("assigneeId", 1).append("dueAt", 1));
        ensure(TaskViews.COLLECTION, new Document("contactId", 1));
        ensure(TaskViews.COLLECTION, new Document("nextAttemptAt", 1));
        ensure(TaskStore.COLLECTION, new Document("dirty", 1));
        ensure("alerts", new Document("status", 1).append("channel", 1).append("endpoint", 1)
                .append("nextTryAt", 1));
    }

    private void ensure(String collection, Document keys) {
        try {
            mongo.indexOps(collection).createIndex(new CompoundIndexDefinition(keys));
        } catch (RuntimeException e) {
            LOG.info("Index {} on {} not created ({}); queries scan instead", keys.toJson(), collection,
                    e.getMessage());
        }
    }
}
