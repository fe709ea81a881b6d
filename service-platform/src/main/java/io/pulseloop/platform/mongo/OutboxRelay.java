package io.pulseloop.platform.mongo;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.pulseloop.platform.events.EventPublisher;

/**
 * The single-document outbox, relayed one way. A service writes its state change and the events it implies in one
 * atomic update of one document (no transaction needed), the events appended to the document's {@code outbox} array
 * ({@link #append}). The relay then publishes them with {@link EventPublisher} (all awaited together), and only after
 * every acknowledgement removes exactly those entries, by the document's {@code _id} and {@code $pull} of their ids —
 * entries appended meanwhile stay for the next relay.
 *
 * <p><b>At least once.</b> A crash (or a failed acknowledgement) between publishing and removing leaves the entries in
 * the outbox, and the next relay publishes them again: consumers are idempotent by event id (the entry's
 * {@code _id}). Nothing acknowledged is lost and nothing unacknowledged is removed. Run {@link #relayPending} from a
 * periodic sweep to pick up what a crashed replica left; guard a document with a {@link MongoLease} field when two
 * replicas could relay it at once (duplicates are harmless, only wasteful).
 *
 * <p>Why not Spring Modulith's event publication registry: it needs multi-document transactions, which the embedded
 * MongoDB server used by the tests and the local mode does not have.
 */
public class OutboxRelay {

    /** The array field holding a document's pending events. */
    public static final String OUTBOX = "outbox";

    private final MongoOperations mongo;
    private final EventPublisher publisher;

    public OutboxRelay(MongoOperations mongo, EventPublisher publisher) {
        this.mongo = mongo;
        this.publisher = publisher;
    }

    /** Adds the entries to the document's outbox within the service's own update: {@code update.push(...)}. */
    public static Update append(Update update, List<OutboxEntry> entries) {
        return update.push(OUTBOX).each(entries.stream().map(OutboxEntry::toDocument).toArray());
    }

    /**
     * Publishes what the document's outbox holds now and removes it once acknowledged.
     *
     * @return how many entries were relayed (0 for a missing document or an empty outbox)
     * @throws io.pulseloop.platform.events.PublishFailedException when Kafka did not acknowledge; the outbox is
     *                                                             untouched
     */
    public int relay(String collection, Object documentId) {
        Query byId = new Query(Criteria.where("_id").is(documentId));
        byId.fields().include(OUTBOX);
        Document document = mongo.findOne(byId, Document.class, collection);
        return document == null ? 0 : relay(collection, documentId, entries(document));
    }

    /**
     * Publishes the given entries of the document's outbox (e.g. those just appended, without reading them back) and
     * removes exactly them once acknowledged.
     */
    public int relay(String collection, Object documentId, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        publisher.publishAll(entries.stream().map(OutboxEntry::toOutgoing).toList());
        remove(collection, documentId, entries);
        return entries.size();
    }

    /**
     * Relays the documents whose outbox is not empty, at most {@code limit} of them: the sweep after a crash. Its
     * filter ({@code outbox.0} exists) needs an index on real MongoDB ({@code {"outbox._id": 1}}, sparse) to stay
     * cheap; it runs rarely.
     *
     * @return how many entries were relayed
     */
    public int relayPending(String collection, int limit) {
        Query pending = new Query(Criteria.where(OUTBOX + ".0").exists(true)).limit(limit);
        pending.fields().include(OUTBOX);
        int relayed = 0;
        for (Document document : mongo.find(pending, Document.class, collection)) {
            relayed += relay(collection, document.get("_id"), entries(document));
        }
        return relayed;
    }

    private void remove(String collection, Object documentId, List<OutboxEntry> entries) {
        List<Object> ids = new ArrayList<>();
        entries.forEach(entry -> ids.add(entry.id()));
        mongo.updateFirst(new Query(Criteria.where("_id").is(documentId)),
                new Update().pull(OUTBOX, new Document("_id", new Document("$in", ids))), collection);
    }

    private static List<OutboxEntry> entries(Document document) {
        List<OutboxEntry> entries = new ArrayList<>();
        List<?> outbox = document.get(OUTBOX, List.class);
        if (outbox != null) {
            for (Object entry : outbox) {
                entries.add(OutboxEntry.from((Document) entry));
            }
        }
        return entries;
    }
}
