package io.pulseloop.survey.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
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
import io.pulseloop.survey.policy.ContactFacts;
import io.pulseloop.survey.policy.DecisionKind;

/**
 * The contact read model, kept from {@code crm.contacts.v1} (upserts, erasures) and {@code response.responses.v1}
 * (opt-outs). Every write is idempotent: upserts only apply when not older than what is stored, erasure and opt-out
 * set flags and record their decision at most once per event id.
 *
 * <p>It also holds each contact's fatigue slot, taken atomically by {@link #reserve} right before an email goes out,
 * which is what keeps two replicas (or two surveys) from both inviting one contact within the window.
 *
 * <p>Lookups go by id ({@code _id} only) wherever possible: the embedded MongoDB of the tests and the local mode
 * answers those from its index but scans the collection for any other query.
 */
@Component
public class ContactDirectory {

    static final String CONTACTS = "contacts";

    private final MongoTemplate mongo;

    ContactDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Applies a CRM upsert unless the contact is erased or a newer upsert was applied; null fields are unknown. */
    public void upsert(ContactUpserted event) {
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
        Instant at = (event.occurredAt() == null) ? Instant.EPOCH : event.occurredAt();
        Update update = new Update().set("updatedAt", at);
        fields.forEach((name, value) -> {
            if (value != null) {
                update.set(name, value);
            }
        });
        Query applicable = Query.query(Criteria.where("_id").is(event.contactId()).and("erased").ne(true)
                .orOperator(Criteria.where("updatedAt").exists(false), Criteria.where("updatedAt").lte(at)));
        if (mongo.updateFirst(applicable, update, CONTACTS).getMatchedCount() > 0) {
            return;
        }
        Update insert = new Update().setOnInsert("updatedAt", at).setOnInsert("erased", false)
                .setOnInsert("unsubscribed", false);
        fields.forEach((name, value) -> {
            if (value != null) {
                insert.setOnInsert(name, value);
            }
        });
        mongo.upsert(Query.query(Criteria.where("_id").is(event.contactId())), insert, CONTACTS);
    }

    /** Erases the contact's personal data and marks it erased for good, also when it was never upserted. */
    public void erase(ContactErased event, Instant now) {
        Update update = new Update().set("erased", true).setOnInsert("unsubscribed", false)
                .unset("email").unset("firstName").unset("lastName");
        mongo.upsert(Query.query(Criteria.where("_id").is(event.contactId())), update, CONTACTS);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.contactId()).and("erasedAt").exists(false)),
                new Update().set("erasedAt", now), CONTACTS);
        record(event.contactId(), new ContactDecision(event.eventId(), DecisionKind.SUPPRESSED,
                SuppressionReason.ERASED.name(), null, null, "crm.contact.erased", now,
                "the contact was erased (right to erasure); personal data removed, never invited again"));
    }

    /** Opts the contact out of every survey, for good; known or not yet known. */
    public void unsubscribe(SurveyUnsubscribed event, Instant now) {
        mongo.upsert(Query.query(Criteria.where("_id").is(event.contactId())),
                new Update().set("unsubscribed", true).setOnInsert("erased", false), CONTACTS);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.contactId())
                .and("unsubscribedAt").exists(false)), new Update().set("unsubscribedAt", now), CONTACTS);
        record(event.contactId(), new ContactDecision(event.eventId(), DecisionKind.SUPPRESSED,
                SuppressionReason.UNSUBSCRIBED.name(), event.surveyId(), event.invitationId(),
                "response.survey.unsubscribed", now, "the contact unsubscribed from surveys"
                        + (event.oneClick() ? " (RFC 8058 one-click)" : "") + " via invitation "
                        + event.invitationId() + "; no further invitations"));
    }

    public Optional<ContactDocument> find(String contactId) {
        return Optional.ofNullable(mongo.findById(contactId, ContactDocument.class, CONTACTS));
    }

    /** The known contacts among the ids, by id. */
    public Map<String, ContactDocument> findAll(Collection<String> contactIds) {
        Map<String, ContactDocument> found = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(contactIds)), ContactDocument.class, CONTACTS)
                .forEach(contact -> found.put(contact.id(), contact));
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
     * Takes the contacts' fatigue slots for invitations about to be sent, atomically per contact: a slot is taken only
     * if the contact is still eligible (not erased, not unsubscribed, not do-not-contact, consent not withdrawn) and
     * neither the global window nor the survey's window holds another invitation. A retried send of the invitation
     * that already holds the slot takes it again. One contact gets at most one slot per call (the first request).
     *
     * <p>One conditional update per contact, sent as one bulk write, each marking the contact with this call's claim
     * id; a read by id then tells which requests won.
     *
     * @return the invitation ids that got their slot; for the others, re-read the contact to learn why
     */
    public Set<String> reserve(List<SlotRequest> requests, Instant now, Duration globalWindow) {
        Map<String, SlotRequest> byContact = new LinkedHashMap<>();
        requests.forEach(request -> byContact.putIfAbsent(request.contactId(), request));
        if (byContact.isEmpty()) {
            return Set.of();
        }
        String claim = UUID.randomUUID().toString();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CONTACTS);
        for (SlotRequest request : byContact.values()) {
            Criteria global = new Criteria().orOperator(Criteria.where("lastContactedAt").is(null),
                    Criteria.where("lastContactedAt").lte(now.minus(globalWindow)),
                    Criteria.where("lastContactedHolder").is(request.invitationId()));
            String surveyField = "lastContactedBySurvey." + request.surveyId();
            Duration surveyWindow = request.surveyWindow();
            Criteria perSurvey = (surveyWindow == null || surveyWindow.isZero()) ? new Criteria()
                    : new Criteria().orOperator(Criteria.where(surveyField).is(null),
                            Criteria.where(surveyField).lte(now.minus(surveyWindow)),
                            Criteria.where("lastContactedHolder").is(request.invitationId()));
            Criteria eligible = Criteria.where("_id").is(request.contactId()).and("erased").ne(true)
                    .and("unsubscribed").ne(true).and("doNotContact").ne(true).and("surveysConsent").ne(false);
            bulk.updateOne(Query.query(eligible.andOperator(global, perSurvey)), new Update()
                    .set("lastContactedAt", now).set(surveyField, now)
                    .set("lastContactedHolder", request.invitationId()).set("slotClaim", claim)
                    .unset("plannedSends." + request.invitationId()));
        }
        bulk.execute();
        Set<String> reserved = new HashSet<>();
        Query won = Query.query(Criteria.where("_id").in(byContact.keySet()));
        won.fields().include("slotClaim", "lastContactedHolder");
        for (Document contact : mongo.find(won, Document.class, CONTACTS)) {
            SlotRequest request = byContact.get(contact.getString("_id"));
            if (claim.equals(contact.getString("slotClaim"))
                    && request.invitationId().equals(contact.getString("lastContactedHolder"))) {
                reserved.add(request.invitationId());
            }
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

    private void record(String contactId, ContactDecision decision) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(contactId).and("decisions.eventId")
                .ne(decision.eventId())), new Update().push("decisions", decision), CONTACTS);
    }
}
