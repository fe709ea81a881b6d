package io.pulseloop.closedloop.contacts;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;

/**
 * The contacts closed-loop-service knows, by id. Idempotent: replaying an upsert, or an older one, leaves the entry
 * as it is; an erased contact stays erased whatever arrives later.
 */
@Component
public class ContactDirectory {

    private final MongoTemplate mongo;

    ContactDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void record(ContactUpserted event) {
        Optional<Contact> known = find(event.contactId());
        if (known.isPresent() && (known.get().erased()
                || known.get().updatedAt() != null && known.get().updatedAt().isAfter(event.occurredAt()))) {
            return;
        }
        Boolean marketing = event.consent() == null ? null : event.consent().marketing();
        mongo.save(new Contact(event.contactId(), event.firstName(), event.lastName(), event.accountId(),
                event.accountName(), event.accountTier(), event.ownerId(), event.locale(), marketing, false,
                event.occurredAt()));
    }

    /** Forgets everything about the contact but that it was erased. */
    public void erase(ContactErased event) {
        mongo.save(new Contact(event.contactId(), null, null, null, null, null, null, null, null, true,
                event.occurredAt()));
    }

    public Optional<Contact> find(String contactId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(contactId)), Contact.class));
    }
}
