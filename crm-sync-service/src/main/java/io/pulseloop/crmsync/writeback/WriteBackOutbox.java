package io.pulseloop.crmsync.writeback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.crmsync.writeback.rules.ContactWriteBack;
import io.pulseloop.crmsync.writeback.rules.PropertyChange;
import io.pulseloop.crmsync.writeback.rules.PropertyValue;
import io.pulseloop.platform.mongo.Lease;
import io.pulseloop.platform.mongo.MongoLease;

/**
 * The durable outbox of CRM updates: one document per contact holding the newest value of each property, which of
 * them the CRM has not acknowledged, and when to try next ({@code dueAt}, absent when nothing is pending). Every
 * change of the properties or of what is pending is a single-document update guarded by a {@code revision}
 * (optimistic locking), so the consumers and the dispatchers of several replicas never lose each other's writes;
 * a dispatcher owns a contact through a lease (the platform's {@code MongoLease}, field {@code lease}), so one
 * contact has at most one call in flight.
 */
@Component
public class WriteBackOutbox {

    static final String COLLECTION = "crm_write_backs";

    /** The platform lease field a dispatcher holds while it delivers a contact's updates. */
    static final String LEASE = "lease";

    private final MongoTemplate mongo;
    private final MongoLease leases;
    private final Clock clock;

    WriteBackOutbox(MongoTemplate mongo, MongoLease leases, Clock clock) {
        this.mongo = mongo;
        this.leases = leases;
        this.clock = clock;
        collection().createIndex(Indexes.ascending("dueAt"));
    }

    /**
     * Records property changes for a contact: those newer than what is known become pending. Idempotent: a
     * redelivered or older event changes nothing. Changes for an erased contact are dropped.
     *
     * @return the properties that became pending
     */
    public List<String> record(String contactId, List<PropertyChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        while (true) {
            Document current = collection().find(Filters.eq("_id", contactId)).first();
            if (current != null && current.getBoolean("erased", false)) {
                return List.of();
            }
            ContactWriteBack state = current == null ? ContactWriteBack.empty() : state(current);
            boolean hadPending = state.hasPending();
            List<String> changed = new ArrayList<>(state.apply(changes));
            if (changed.isEmpty()) {
                return changed;
            }
            Instant now = clock.instant();
            if (current == null) {
                Document created = new Document("_id", contactId)
                        .append("properties", properties(state)).append("pending", new ArrayList<>(state.pending()))
                        .append("revision", 1L).append("dueAt", Date.from(now)).append("attempts", 0)
                        .append("updatedAt", Date.from(now));
                try {
                    collection().insertOne(created);
                    return changed;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            List<Bson> updates = new ArrayList<>(List.of(
                    Updates.set("properties", properties(state)),
                    Updates.set("pending", new ArrayList<>(state.pending())),
                    Updates.inc("revision", 1L),
                    Updates.set("updatedAt", Date.from(now))));
            if (!hadPending) {
                updates.add(Updates.set("dueAt", Date.from(now)));
                updates.add(Updates.set("attempts", 0));
            }
            if (updateAtRevision(current, Updates.combine(updates))) {
                return changed;
            }
        }
    }

    /**
     * Takes up to {@code limit} contacts whose delivery is due, the most overdue first: the platform lease field
     * {@code lease} ({@code MongoLease.claimAll}: one query for the candidates whatever their number), so no other
     * dispatcher takes them.
     */
    public List<Claim> claimDue(String owner, Duration lease, int limit) {
        return leases.claimAll(COLLECTION, Criteria.where("dueAt").lte(Date.from(clock.instant())),
                Sort.by("dueAt"), LEASE, owner, lease, limit).stream()
                .map(claimed -> new Claim(claimed.document().getString("_id"), claimed.lease(),
                        state(claimed.document()), claimed.document().getInteger("attempts", 0)))
                .toList();
    }

    /** The CRM acknowledged what was sent: those values are no longer pending (newer ones stay). */
    public void delivered(Claim claim, Map<String, PropertyValue> sent) {
        settle(claim, sent, "delivered", null);
    }

    /** The CRM refused what was sent for good: it is dropped, and the reason kept on the document. */
    public void rejected(Claim claim, Map<String, PropertyValue> sent, String reason) {
        settle(claim, sent, "rejected", reason);
    }

    /** The delivery failed for now: try again at {@code dueAt}. */
    public void reschedule(Claim claim, Instant dueAt, String outcome, String error, boolean countAttempt) {
        mongo.updateFirst(MongoLease.heldBy(claim.lease()), MongoLease.releasing(new Update(), LEASE)
                .set("dueAt", Date.from(dueAt)).inc("attempts", countAttempt ? 1 : 0).set("lastOutcome", outcome)
                .set("lastError", error).set("lastAttemptAt", Date.from(clock.instant())), COLLECTION);
    }

    /** The contact was erased: nothing more is written back for it, and nothing of it is kept but the id. */
    public void erase(String contactId) {
        collection().updateOne(Filters.eq("_id", contactId), Updates.combine(Updates.set("erased", true),
                Updates.set("properties", new Document()), Updates.set("pending", List.of()),
                Updates.set("dueAt", null), Updates.inc("revision", 1L), Updates.unset("lastError"),
                Updates.set("updatedAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
    }

    /** How many contacts have updates the CRM has not received. */
    public long pendingContacts() {
        return collection().countDocuments(Filters.ne("dueAt", null));
    }

    /** The write-back state of one contact, for operators. */
    public Optional<WriteBackStatus> status(String contactId) {
        Document document = collection().find(Filters.eq("_id", contactId)).first();
        if (document == null) {
            return Optional.empty();
        }
        ContactWriteBack state = state(document);
        Map<String, String> pending = state.pendingValues();
        Map<String, String> delivered = new LinkedHashMap<>();
        state.properties().forEach((property, value) -> {
            if (!state.pending().contains(property)) {
                delivered.put(property, value.value());
            }
        });
        return Optional.of(new WriteBackStatus(contactId, pending, delivered, document.getInteger("attempts", 0),
                instant(document.getDate("dueAt")), document.getString("lastOutcome"),
                document.getString("lastError"), instant(document.getDate("deliveredAt")),
                document.getBoolean("erased", false)));
    }

    private void settle(Claim claim, Map<String, PropertyValue> sent, String outcome, String error) {
        while (true) {
            Document current = collection().find(Filters.eq("_id", claim.contactId())).first();
            if (current == null) {
                return;
            }
            ContactWriteBack state = state(current);
            state.acknowledge(sent);
            Instant now = clock.instant();
            Bson update = Updates.combine(
                    Updates.set("pending", new ArrayList<>(state.pending())),
                    Updates.set("dueAt", state.hasPending() ? Date.from(now) : null),
                    Updates.set("attempts", 0),
                    Updates.inc("revision", 1L),
                    MongoLease.releasing(new Update(), LEASE).getUpdateObject(),
                    Updates.set("lastOutcome", outcome),
                    Updates.set("lastError", error),
                    Updates.set("lastAttemptAt", Date.from(now)),
                    "delivered".equals(outcome) ? Updates.set("deliveredAt", Date.from(now))
                            : Updates.set("rejectedAt", Date.from(now)));
            if (updateAtRevision(current, update)) {
                return;
            }
        }
    }

    private boolean updateAtRevision(Document current, Bson update) {
        UpdateResult result = collection().updateOne(Filters.and(Filters.eq("_id", current.getString("_id")),
                Filters.eq("revision", current.getLong("revision"))), update);
        return result.getMatchedCount() == 1;
    }

    private static ContactWriteBack state(Document document) {
        Map<String, PropertyValue> properties = new LinkedHashMap<>();
        Document stored = document.get("properties", Document.class);
        if (stored != null) {
            stored.forEach((property, value) -> {
                Document v = (Document) value;
                properties.put(property, new PropertyValue(v.getString("value"), v.getDate("at").toInstant(),
                        v.getInteger("revision", 0), v.getString("eventId")));
            });
        }
        List<String> pending = document.getList("pending", String.class, List.of());
        return new ContactWriteBack(properties, new LinkedHashSet<>(pending));
    }

    private static Document properties(ContactWriteBack state) {
        Document properties = new Document();
        state.properties().forEach((property, value) -> properties.append(property, new Document("value", value.value())
                .append("at", Date.from(value.at())).append("revision", value.revision())
                .append("eventId", value.eventId())));
        return properties;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /** A contact's delivery owned by one dispatcher (its {@code lease}) until it settles or reschedules it. */
    public record Claim(String contactId, Lease lease, ContactWriteBack state, int attempts) {
    }

    /**
     * What the CRM has and has not received for one contact.
     *
     * @param pending   property values not acknowledged by the CRM yet
     * @param delivered property values the CRM acknowledged (or refused, see {@code lastOutcome})
     */
    public record WriteBackStatus(String contactId, Map<String, String> pending, Map<String, String> delivered,
            int attempts, Instant nextAttemptAt, String lastOutcome, String lastError, Instant deliveredAt,
            boolean erased) {
    }
}
