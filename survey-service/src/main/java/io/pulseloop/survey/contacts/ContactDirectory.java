package io.pulseloop.survey.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.response.SurveyUnsubscribed;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.platform.mongo.Lease;
import io.pulseloop.platform.mongo.MongoLease;
import io.pulseloop.survey.policy.ContactFacts;
import io.pulseloop.survey.policy.ContactPressurePolicy;
import io.pulseloop.survey.policy.DecisionKind;

/**
 * The contact read model, kept from {@code crm.contacts.v1} (upserts, erasures) and {@code response.responses.v1}
 * (opt-outs). Every write is idempotent: upserts only apply when not older than what is stored, erasure and opt-out
 * set flags and record their decision at most once per event id.
 *
 * <p>It also holds each contact's fatigue slot, taken under a per-contact lock by {@link #reserve} right before an
 * email goes out, which is what keeps two replicas (or two surveys) from both inviting one contact within the
 * window.
 *
 * <p>Lookups go by id ({@code _id} only) wherever possible: the embedded MongoDB of the tests and the local mode
 * answers those from its index but scans the collection for any other query.
 */
@Component
public class ContactDirectory {

    static final String CONTACTS = "contacts";
    static final String LOCKS = "contact_locks";

    /** Ids per {@code $in} read. */
    static final int ID_CHUNK = 50;

    /** How long a reservation may hold a contact's lock before another replica may take it over. */
    private static final Duration LOCK = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final MongoLease leases;
    private final ContactPressurePolicy policy;

    ContactDirectory(MongoTemplate mongo, MongoLease leases, ContactPressurePolicy policy) {
        this.mongo = mongo;
        this.leases = leases;
        this.policy = policy;
    }

    /** Applies a CRM upsert unless the contact is erased or a newer upsert was applied; null fields are unknown. */
    public void upsert(ContactUpserted event) {
        upsertAll(List.of(event));
    }

    /**
     * Applies CRM upserts in order, each unless the contact is erased or a newer upsert was applied; null fields are
     * unknown. Every read and write is keyed by the bare {@code _id}: the contacts' {@code updatedAt} and
     * {@code erased} are read by id (in chunks), the decision is taken here, and each upsert is an {@code _id} upsert
     * in one ordered bulk write. A filter with anything beside {@code _id} would make the embedded MongoDB scan the
     * collection, so the cost of an upsert would grow with the number of contacts (issue 10). Safe without a
     * conditional filter because one contact's events arrive in order on one partition (keyed by contact id), and the
     * only other writers of a contact (opt-out, fatigue slots) never touch the fields written here.
     */
    public void upsertAll(List<ContactUpserted> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Stored> stored = storedStates(events.stream().map(ContactUpserted::contactId).distinct().toList());
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, CONTACTS);
        boolean any = false;
        for (ContactUpserted event : events) {
            Instant at = (event.occurredAt() == null) ? Instant.EPOCH : event.occurredAt();
            Stored known = stored.get(event.contactId());
            if (known != null && (known.erased() || (known.updatedAt() != null && known.updatedAt().isAfter(at)))) {
                continue;
            }
            Update update = new Update().set("updatedAt", at);
            fields(event).forEach((name, value) -> {
                if (value != null) {
                    update.set(name, value);
                }
            });
            if (known == null) {
                update.setOnInsert("erased", false).setOnInsert("unsubscribed", false);
            }
            bulk.upsert(Query.query(Criteria.where("_id").is(event.contactId())), update);
            stored.put(event.contactId(), new Stored(at, false));
            any = true;
        }
        if (any) {
            bulk.execute();
        }
    }

    /** What decides whether an upsert applies. */
    private record Stored(Instant updatedAt, boolean erased) {
    }

    private Map<String, Stored> storedStates(List<String> contactIds) {
        Map<String, Stored> found = new HashMap<>();
        for (int from = 0; from < contactIds.size(); from += ID_CHUNK) {
            Query query = Query.query(Criteria.where("_id").in(contactIds.subList(from,
                    Math.min(contactIds.size(), from + ID_CHUNK))));
            query.fields().include("updatedAt").include("erased");
            for (Document contact : mongo.find(query, Document.class, CONTACTS)) {
                Date updatedAt = contact.getDate("updatedAt");
                found.put(contact.get("_id").toString(), new Stored((updatedAt == null) ? null : updatedAt.toInstant(),
                        Boolean.TRUE.equals(contact.getBoolean("erased"))));
            }
        }
        return found;
    }

    private static Map<String, Object> fields(ContactUpserted event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", event.email());
        fields.put("firstName", event.firstName());
        fields.put("lastName", event.lastName());
        fields.put("accountId", event.accountId());
        fields.put("accountName", event.accountName());
        fields.put("accountTier", event.accountTier());
        fields.put("region", event.region());
        fields.put("branch", event.branch());
        fields.put("ownerId", event.ownerId());
        fields.put("locale", event.locale());
        fields.put("timeZone", event.timeZone());
        fields.put("customerStatus", event.customerStatus());
        fields.put("surveysConsent", (event.consent() == null) ? null : event.consent().surveys());
        fields.put("doNotContact", event.doNotContact());
        segment(fields, "accountTier", event.accountTier());
        segment(fields, "customerStatus", event.customerStatus());
        segment(fields, "region", event.region());
        segment(fields, "branch", event.branch());
        return fields;
    }

    /** Erases the contact's personal data and marks it erased for good, also when it was never upserted. */
    public void erase(ContactErased event, Instant now) {
        Update update = new Update().set("erased", true).setOnInsert("unsubscribed", false)
                .unset("email").unset("firstName").unset("lastName");
        mongo.upsert(byId(event.contactId()), update, CONTACTS);
        markOnce(event.contactId(), "erasedAt", now, new ContactDecision(event.eventId(), DecisionKind.SUPPRESSED,
                SuppressionReason.ERASED.name(), null, null, "crm.contact.erased", now,
                "the contact was erased (right to erasure); personal data removed, never invited again"));
    }

    /** Opts the contact out of every survey, for good; known or not yet known. */
    public void unsubscribe(SurveyUnsubscribed event, Instant now) {
        mongo.upsert(byId(event.contactId()), new Update().set("unsubscribed", true).setOnInsert("erased", false),
                CONTACTS);
        markOnce(event.contactId(), "unsubscribedAt", now, new ContactDecision(event.eventId(),
                DecisionKind.SUPPRESSED, SuppressionReason.UNSUBSCRIBED.name(), event.surveyId(),
                event.invitationId(), "response.survey.unsubscribed", now, "the contact unsubscribed from surveys"
                        + (event.oneClick() ? " (RFC 8058 one-click)" : "") + " via invitation "
                        + event.invitationId() + "; no further invitations"));
    }

    /**
     * Sets {@code timeField} unless set, and records the decision unless one with its event id is recorded: read by
     * {@code _id}, decided here, written by {@code _id} (a conditional filter would scan the collection on the
     * embedded MongoDB). A redelivered event finds both done and writes nothing.
     */
    private void markOnce(String contactId, String timeField, Instant now, ContactDecision decision) {
        Query current = byId(contactId);
        current.fields().include(timeField).include("decisions");
        Document contact = mongo.findOne(current, Document.class, CONTACTS);
        Update update = new Update();
        if (contact == null || contact.get(timeField) == null) {
            update.set(timeField, now);
        }
        boolean recorded = contact != null && contact.getList("decisions", Document.class, List.of()).stream()
                .anyMatch(recordedDecision -> decision.eventId().equals(recordedDecision.getString("eventId")));
        if (!recorded) {
            update.push("decisions", decision);
        }
        if (!update.getUpdateObject().isEmpty()) {
            mongo.updateFirst(byId(contactId), update, CONTACTS);
        }
    }

    private static Query byId(String contactId) {
        return Query.query(Criteria.where("_id").is(contactId));
    }

    public Optional<ContactDocument> find(String contactId) {
        return Optional.ofNullable(mongo.findById(contactId, ContactDocument.class, CONTACTS));
    }

    /** The known contacts among the ids, by id, read in chunks ({@code $in} costs the embedded server O(n²)). */
    public Map<String, ContactDocument> findAll(Collection<String> contactIds) {
        Map<String, ContactDocument> found = new HashMap<>();
        List<String> all = List.copyOf(contactIds);
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            mongo.find(Query.query(Criteria.where("_id").in(all.subList(from, Math.min(all.size(), from + ID_CHUNK)))),
                    ContactDocument.class, CONTACTS).forEach(contact -> found.put(contact.id(), contact));
        }
        return found;
    }

    /**
     * A page of the current audience of a scheduled survey: contacts that are not erased, whose attributes match,
     * ordered by id after {@code afterId}.
     */
    public List<ContactDocument> audience(Map<String, ? extends Collection<String>> audience, String afterId,
            int limit) {
        Criteria criteria = Criteria.where("erased").ne(true);
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }
        for (Map.Entry<String, ? extends Collection<String>> filter : audience.entrySet()) {
            List<String> values = filter.getValue().stream().map(value -> value.toLowerCase(Locale.ROOT)).toList();
            criteria = criteria.and("segment." + filter.getKey()).in(values);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), ContactDocument.class, CONTACTS);
    }

    /** An invitation about to be sent, asking for its contact's fatigue slot. */
    public record SlotRequest(String contactId, String invitationId, String surveyId, Duration surveyWindow) {
    }

    /**
     * Takes the contacts' fatigue slots for invitations about to be sent. For each contact, under a short lock (a
     * platform lease named by the contact's id in {@code contact_locks}, {@code MongoLease.acquireAll}: one holder per
     * contact; a lock left by a dead replica is taken over once it expired), the contact is read again and the slot is taken only if the
     * contact is still eligible and neither the global window nor the survey's window holds another invitation —
     * decided by {@link ContactPressurePolicy#slotFree}, the policy's own rules, not a copy of them. A retried send of the
     * invitation that already holds the slot takes it again. One contact gets at most one slot per call.
     *
     * <p>Every step goes by id and in bulk, a fixed number of round trips per batch on any MongoDB.
     *
     * @return the invitation ids that got their slot; for the others, re-read the contact to learn why
     */
    public Set<String> reserve(List<SlotRequest> requests, Instant now) {
        Map<String, SlotRequest> byContact = new LinkedHashMap<>();
        requests.forEach(request -> byContact.putIfAbsent(request.contactId(), request));
        if (byContact.isEmpty()) {
            return Set.of();
        }
        List<Lease> locks = leases.acquireAll(LOCKS, byContact.keySet(), UUID.randomUUID().toString(), LOCK);
        List<String> locked = locks.stream().map(lock -> (String) lock.id()).toList();
        Set<String> reserved = new HashSet<>();
        try {
            Map<String, ContactDocument> current = findAll(locked);
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CONTACTS);
            for (String contactId : locked) {
                SlotRequest request = byContact.get(contactId);
                ContactDocument contact = current.get(contactId);
                // the policy's own slot check, on the contact as it is while this replica holds its lock
                if (contact != null && policy.slotFree(facts(contact), request.invitationId(), request.surveyId(),
                        request.surveyWindow(), now)) {
                    bulk.updateOne(Query.query(Criteria.where("_id").is(contactId)), new Update()
                            .set("lastContactedAt", now).set("lastContactedBySurvey." + request.surveyId(), now)
                            .set("lastContactedHolder", request.invitationId())
                            .unset("plannedSends." + request.invitationId()));
                    reserved.add(request.invitationId());
                }
            }
            if (!reserved.isEmpty()) {
                bulk.execute();
            }
        }
        finally {
            leases.releaseAll(locks);
        }
        return reserved;
    }

    /** Records planned sends on their contacts (by id, one bulk write). */
    public void planned(Map<String, Map<String, PlannedSend>> byContact) {
        if (byContact.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CONTACTS);
        byContact.forEach((contactId, sends) -> {
            Update update = new Update();
            sends.forEach((invitationId, send) -> update.set("plannedSends." + invitationId, send));
            bulk.updateOne(Query.query(Criteria.where("_id").is(contactId)), update);
        });
        bulk.execute();
    }

    /** Forgets planned sends that will not happen (sent, suppressed, withdrawn), by contact id. */
    public void unplanned(Map<String, ? extends Collection<String>> byContact) {
        if (byContact.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CONTACTS);
        boolean any = false;
        for (Map.Entry<String, ? extends Collection<String>> entry : byContact.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            Update update = new Update();
            entry.getValue().forEach(invitationId -> update.unset("plannedSends." + invitationId));
            bulk.updateOne(Query.query(Criteria.where("_id").is(entry.getKey())), update);
            any = true;
        }
        if (any) {
            bulk.execute();
        }
    }

    /** A reminder was sent: it counts against the fatigue windows like an invitation. */
    public void touch(String contactId, String surveyId, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(contactId)),
                new Update().max("lastContactedAt", now).max("lastContactedBySurvey." + surveyId, now), CONTACTS);
    }

    /** What the contact-pressure policy needs to know; {@code null} for an unknown contact. */
    public static ContactFacts facts(ContactDocument contact) {
        if (contact == null) {
            return null;
        }
        return new ContactFacts(contact.id(), contact.erased(), contact.unsubscribed(),
                Boolean.TRUE.equals(contact.doNotContact()), contact.surveysConsent(), usableEmail(contact.email()),
                contact.timeZone(), contact.segment(), contact.lastContactedAt(), contact.lastContactedHolder(),
                contact.lastContactedBySurvey());
    }

    /** A syntactic check only: something@something, no spaces or line breaks. */
    public static boolean usableEmail(String email) {
        if (email == null) {
            return false;
        }
        int at = email.indexOf('@');
        return at > 0 && at < email.length() - 1 && email.chars().noneMatch(Character::isWhitespace);
    }

    private static void segment(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put("segment." + name, value.toString().toLowerCase(Locale.ROOT));
        }
    }
}
