package io.pulseloop.analytics.crm;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;

/**
 * The contacts analytics needs: account and tier (churn rules, upsell), names (to remove them from example
 * comments), and whether the contact was erased. Keyed by contact id; every write is one idempotent upsert.
 * Erasure removes the names for good: a later upsert of an erased contact records no names again.
 */
@Component
public class ContactDirectory {

    static final String COLLECTION = "contacts";

    private final MongoTemplate mongo;

    ContactDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void upsert(ContactUpserted contact) {
        Optional<ContactInfo> known = find(contact.contactId());
        boolean erased = known.map(ContactInfo::isErased).orElse(false);
        Update update = new Update();
        setIfPresent(update, "accountId", contact.accountId());
        setIfPresent(update, "accountTier", contact.accountTier() == null ? null : contact.accountTier().name());
        setIfPresent(update, "ownerId", contact.ownerId());
        if (!erased) {
            setIfPresent(update, "firstName", contact.firstName());
            setIfPresent(update, "lastName", contact.lastName());
        }
        update.setOnInsert("erased", false);
        mongo.upsert(byId(contact.contactId()), update, COLLECTION);
    }

    public void erase(ContactErased erased) {
        mongo.upsert(byId(erased.contactId()), new Update().unset("firstName").unset("lastName").set("erased", true)
                .setOnInsert("erasedAt", erased.occurredAt() == null ? Instant.EPOCH : erased.occurredAt()),
                COLLECTION);
    }

    public boolean isErased(String contactId) {
        return find(contactId).map(ContactInfo::isErased).orElse(false);
    }

    public Optional<ContactInfo> find(String contactId) {
        return Optional.ofNullable(mongo.findById(contactId, ContactInfo.class, COLLECTION));
    }

    /** The contacts of {@code ids} that are known, by id: one {@code _id $in} read. */
    public Map<String, ContactInfo> findAll(Collection<String> ids) {
        Map<String, ContactInfo> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<ContactInfo> contacts = mongo.find(Query.query(Criteria.where("_id").in(ids)), ContactInfo.class,
                COLLECTION);
        contacts.forEach(c -> found.put(c.contactId(), c));
        return found;
    }

    private static Query byId(String contactId) {
        return Query.query(Criteria.where("_id").is(contactId));
    }

    private static void setIfPresent(Update update, String field, Object value) {
        if (value != null) {
            update.set(field, value);
        }
    }

    /** A contact as analytics knows it; names are {@code null} once erased. */
    @Document(COLLECTION)
    public record ContactInfo(@Id String contactId, String accountId, String accountTier, String ownerId,
            String firstName, String lastName, Boolean erased) {

        public boolean isErased() {
            return Boolean.TRUE.equals(erased);
        }
    }
}
