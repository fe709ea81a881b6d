package io.pulseloop.platform.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.pulseloop.platform.events.EventPublisher;

/**
 * The single-document outbox, relayed one way. A service writes its state change and the events it implies in one
 * atomic update of one document (no transaction needed), the events appended to the document's {@code outbox} array
 * ({@link #append}). The relay then publishes them with {@link EventPublisher} and only after the acknowledgements
 * removes exactly those entries, by the document's {@code _id} and {@code $pull} of their event ids — entries
 * appended meanwhile stay for the next relay.
 *
 * <p><b>Many documents at once</b> ({@link #relayAll}, {@link #publishAll}): every record of every document is sent
 * before any acknowledgement is awaited (one round trip to the broker, bounded by the publisher's ack timeout), and
 * what was acknowledged is removed in one bulk write. A document is relayed whole or not at all: one entry not
 * acknowledged keeps all of its entries for the next relay.
 *
 * <p><b>At least once.</b> A crash (or a failed acknowledgement) between publishing and removing leaves the entries in
 * the outbox, and the next relay publishes them again: consumers are idempotent by event id. So a crash re-sends at
 * most what was in flight. Nothing acknowledged is lost and nothing unacknowledged is removed. Pick up what a crashed
 * replica left with a periodic sweep ({@link #relayPending}, or {@link MongoLease#claimAll} on a lease field when a
 * writer hands its outbox over only after a grace period and two replicas must not relay one document at once).
 *
 * <p>Why not Spring Modulith's event publication registry: it needs multi-document transactions, which the embedded
 * MongoDB server used by the tests and the local mode does not have.
 */
public class OutboxRelay {

    /** The array field holding a document's pending events. */
    public static final String OUTBOX = "outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoOperations mongo;
    private final EventPublisher publisher;

    public OutboxRelay(MongoOperations mongo, EventPublisher publisher) {
        this.mongo = mongo;
        this.publisher = publisher;
    }

    /** One document's outbox entries to publish, in order. */
    public record Pending(Object documentId, List<OutboxEntry> entries) {

        public Pending {
            entries = List.copyOf(entries);
        }
    }

    /** Adds the entries to the document's outbox within the service's own update: {@code update.push(...)}. */
    public static Update append(Update update, List<OutboxEntry> entries) {
        return update.push(OUTBOX).each(entries.stream().map(OutboxEntry::toDocument).toArray());
    }

    /** The entries of a document's outbox as read from MongoDB (empty when it has none). */
    public static List<OutboxEntry> entries(Document document) {
        List<OutboxEntry> entries = new ArrayList<>();
        List<?> outbox = document.get(OUTBOX, List.class);
        if (outbox != null) {
            for (Object entry : outbox) {
                entries.add(OutboxEntry.from((Document) entry));
            }
        }
        return entries;
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
     *
     * @throws io.pulseloop.platform.events.PublishFailedException when Kafka did not acknowledge; the outbox is
     *                                                             untouched
     */
    public int relay(String collection, Object documentId, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        publisher.publishAll(entries.stream().map(OutboxEntry::toOutgoing).toList());
        removeAll(collection, Map.of(documentId, entries));
        return entries.size();
    }

    /**
     * Publishes the outboxes of many documents — all sends in flight before any acknowledgement is awaited — and
     * removes, in one bulk write, the entries of the documents whose every entry was acknowledged. Never throws for a
     * broker problem: what was not acknowledged stays for the next relay (logged once per call).
     *
     * @return the documents relayed, to the entries removed from them
     */
    public Map<Object, List<OutboxEntry>> relayAll(String collection, List<Pending> pending) {
        Map<Object, List<OutboxEntry>> published = publishAll(pending);
        removeAll(collection, published);
        return published;
    }

    /**
     * Relays a backlog (what writers could not publish, a crashed replica left): the first document alone, and the
     * rest together only once that one was acknowledged. So while the broker is down or overloaded a relay round sends
     * one document's records, not the whole batch again and again on top of the broker's own backlog; once it answers,
     * the rest goes out as in {@link #relayAll}.
     *
     * @return the documents relayed, to the entries removed from them
     */
    public Map<Object, List<OutboxEntry>> relayBacklog(String collection, List<Pending> pending) {
        if (pending.isEmpty()) {
            return Map.of();
        }
        Map<Object, List<OutboxEntry>> relayed = new LinkedHashMap<>(relayAll(collection, pending.subList(0, 1)));
        if (!relayed.isEmpty() && pending.size() > 1) {
            relayed.putAll(relayAll(collection, pending.subList(1, pending.size())));
        }
        return relayed;
    }

    /**
     * Publishes the entries of many documents without touching them (e.g. before the documents are even stored):
     * every record is sent before any acknowledgement is awaited, within the publisher's ack timeout in all.
     *
     * @return the documents all of whose entries Kafka acknowledged, to those entries
     */
    public Map<Object, List<OutboxEntry>> publishAll(List<Pending> pending) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(pending.size());
        for (Pending item : pending) {
            CompletableFuture<?>[] records = item.entries().stream()
                    .map(entry -> sendAsync(entry)).toArray(CompletableFuture[]::new);
            sends.add(CompletableFuture.allOf(records));
        }
        long deadline = System.nanoTime() + publisher.ackTimeout().toNanos();
        Map<Object, List<OutboxEntry>> published = new LinkedHashMap<>();
        int failed = 0;
        Throwable cause = null;
        for (int i = 0; i < pending.size(); i++) {
            Pending item = pending.get(i);
            if (item.entries().isEmpty()) {
                continue;
            }
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.merge(item.documentId(), item.entries(), (a, b) -> {
                    List<OutboxEntry> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed++;
                cause = e;
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                cause = e instanceof ExecutionException ? e.getCause() : e;
            }
        }
        if (failed > 0) {
            log.warn("Kafka did not acknowledge the outbox of {} of {} document(s) within {}; they stay for the next "
                    + "relay: {}", failed, pending.size(), ackTimeout(), String.valueOf(cause));
        }
        return published;
    }

    /** Removes exactly these entries from their documents' outboxes ({@code _id} + {@code $pull}), one bulk write. */
    public void removeAll(String collection, Map<Object, List<OutboxEntry>> published) {
        if (published.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        published.forEach((documentId, entries) -> bulk.updateOne(new Query(Criteria.where("_id").is(documentId)),
                new Update().pull(OUTBOX, new Document("eventId", new Document("$in",
                        entries.stream().map(OutboxEntry::eventId).toList())))));
        bulk.execute();
    }

    /**
     * Relays the documents whose outbox is not empty, at most {@code limit} of them ({@link #relayBacklog}): the sweep
     * after a crash. Its filter ({@code outbox.0} exists) needs an index on real MongoDB ({@code {"outbox.eventId": 1}},
     * sparse) to stay cheap; it runs rarely. Never throws for a broker problem.
     *
     * @return how many entries were relayed
     */
    public int relayPending(String collection, int limit) {
        Query query = new Query(Criteria.where(OUTBOX + ".0").exists(true)).limit(limit);
        query.fields().include(OUTBOX);
        List<Pending> pending = mongo.find(query, Document.class, collection).stream()
                .map(document -> new Pending(document.get("_id"), entries(document))).toList();
        return relayBacklog(collection, pending).values().stream().mapToInt(List::size).sum();
    }

    /**
     * The outboxes of these documents, each read by {@code _id} alone (the embedded server answers that from its
     * index): those not empty, e.g. to retry the documents a writer could not publish.
     */
    public List<Pending> pendingOf(String collection, Collection<?> documentIds) {
        List<Pending> pending = new ArrayList<>();
        for (Object documentId : documentIds) {
            Query byId = new Query(Criteria.where("_id").is(documentId));
            byId.fields().include(OUTBOX);
            Document document = mongo.findOne(byId, Document.class, collection);
            List<OutboxEntry> entries = document == null ? List.of() : entries(document);
            if (!entries.isEmpty()) {
                pending.add(new Pending(documentId, entries));
            }
        }
        return pending;
    }

    /**
     * The entries written before {@code writtenBefore} ({@link OutboxEntry#createdAt()}), of at most {@code limit}
     * documents: the sweep that leaves fresh entries to the writer still waiting for its acknowledgements. Its filter
     * ({@code outbox.createdAt}) wants an index on real MongoDB and scans on the embedded one; run it rarely.
     */
    public List<Pending> pendingWrittenBefore(String collection, Instant writtenBefore, int limit) {
        Query query = new Query(Criteria.where(OUTBOX + ".createdAt").lt(writtenBefore)).limit(limit);
        query.fields().include(OUTBOX);
        return mongo.find(query, Document.class, collection).stream()
                .map(document -> new Pending(document.get("_id"), entries(document).stream()
                        .filter(entry -> entry.createdAt() != null && entry.createdAt().isBefore(writtenBefore))
                        .toList()))
                .filter(pending -> !pending.entries().isEmpty()).toList();
    }

    private CompletableFuture<Void> sendAsync(OutboxEntry entry) {
        try {
            return publisher.sendAsync(entry.toOutgoing());
        } catch (RuntimeException notSent) {
            return CompletableFuture.failedFuture(notSent);
        }
    }

    private Duration ackTimeout() {
        return publisher.ackTimeout();
    }
}
