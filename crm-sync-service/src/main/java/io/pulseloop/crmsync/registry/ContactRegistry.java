package io.pulseloop.crmsync.registry;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.DealLost;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.crm.TicketClosed;

/**
 * Contacts, owners and deal outcomes in this service's database.
 *
 * <p>Contacts and owners: an event is applied only if it is not older than what is stored (the event {@code time}
 * decides, not the arrival), as one conditional upsert; an older one loses on the unique {@code _id} and is
 * ignored. Fields the CRM left out are kept, not cleared. Deal outcomes are an append-only log keyed by event id:
 * won and lost deals with their loss reasons are kept, never deleted, also after an erasure (they hold no personal
 * data). An erased contact keeps only its id, segment attributes and the time of erasure; later upserts of it are
 * ignored, so personal data never comes back. Every write is idempotent, so redeliveries are harmless.
 */
@Component
public class ContactRegistry {

    static final String CONTACTS = "contacts";
    static final String OWNERS = "owners";
    static final String DEALS = "deal_outcomes";

    /** The personal data an erasure removes. */
    static final List<String> PERSONAL_FIELDS = List.of("email", "firstName", "lastName");

    private static final Logger log = LoggerFactory.getLogger(ContactRegistry.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    ContactRegistry(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        collection(DEALS).createIndex(Indexes.ascending("contactId"));
        collection(DEALS).createIndex(Indexes.ascending("outcome", "lossReason"));
    }

    /** Applies a canonical contact event. */
    public void apply(CrmContactEvent event) {
        if (event instanceof ContactUpserted upserted) {
            upsert(upserted);
        } else if (event instanceof ContactErased erased) {
            erase(erased);
        } else if (event instanceof DealWon won) {
            recordDeal(won.eventId(), won.contactId(), won.dealId(), "won", won.closedAt(), won.ownerId(), null,
                    won.amount(), won.currency(), won.product(), won.occurredAt());
        } else if (event instanceof DealLost lost) {
            recordDeal(lost.eventId(), lost.contactId(), lost.dealId(), "lost", lost.closedAt(), lost.ownerId(),
                    lost.lossReason(), null, null, null, lost.occurredAt());
        } else if (event instanceof TicketClosed ticket) {
            touch(ticket);
        }
    }

    /** Applies a canonical owner event, unless a newer one is stored. */
    public void apply(OwnerUpserted owner) {
        Document fields = new Document();
        put(fields, "email", owner.email());
        put(fields, "name", owner.name());
        put(fields, "managerId", owner.managerId());
        put(fields, "team", owner.team());
        conditionalUpsert(OWNERS, owner.ownerId(), owner.occurredAt(), owner.eventId(), fields, false);
    }

    public Optional<ContactView> contact(String contactId) {
        Document contact = collection(CONTACTS).find(Filters.eq("_id", contactId)).first();
        if (contact == null) {
            return Optional.empty();
        }
        List<DealView> deals = new ArrayList<>();
        collection(DEALS).find(Filters.eq("contactId", contactId)).sort(Sorts.ascending("closedAt"))
                .forEach(deal -> deals.add(DealView.of(deal)));
        return Optional.of(ContactView.of(contact, deals));
    }

    public Optional<OwnerView> owner(String ownerId) {
        return Optional.ofNullable(collection(OWNERS).find(Filters.eq("_id", ownerId)).first()).map(OwnerView::of);
    }

    /** Lost deals, newest first, optionally of one loss reason (case-insensitive) or one contact. */
    public List<DealView> losses(String reason, String contactId, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("outcome", "lost")));
        if (reason != null && !reason.isBlank()) {
            filters.add(Filters.eq("lossReasonKey", reason.trim().toLowerCase(Locale.ROOT)));
        }
        if (contactId != null && !contactId.isBlank()) {
            filters.add(Filters.eq("contactId", contactId));
        }
        List<DealView> losses = new ArrayList<>();
        collection(DEALS).find(Filters.and(filters)).sort(Sorts.descending("closedAt")).limit(limit)
                .forEach(deal -> losses.add(DealView.of(deal)));
        return losses;
    }

    private void upsert(ContactUpserted c) {
        Document fields = new Document();
        put(fields, "email", c.email());
        put(fields, "firstName", c.firstName());
        put(fields, "lastName", c.lastName());
        put(fields, "accountId", c.accountId());
        put(fields, "accountName", c.accountName());
        put(fields, "accountTier", c.accountTier() == null ? null : c.accountTier().name().toLowerCase(Locale.ROOT));
        put(fields, "region", c.region());
        put(fields, "branch", c.branch());
        put(fields, "ownerId", c.ownerId());
        put(fields, "locale", c.locale());
        put(fields, "timeZone", c.timeZone());
        put(fields, "customerStatus",
                c.customerStatus() == null ? null : c.customerStatus().name().toLowerCase(Locale.ROOT));
        if (c.consent() != null) {
            put(fields, "consent.surveys", c.consent().surveys());
            put(fields, "consent.marketing", c.consent().marketing());
        }
        put(fields, "doNotContact", c.doNotContact());
        put(fields, "source", c.source());
        conditionalUpsert(CONTACTS, c.contactId(), c.occurredAt(), c.eventId(), fields, true);
    }

    private void erase(ContactErased erased) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set("erased", true));
        updates.add(Updates.min("erasedAt", Date.from(erased.occurredAt())));
        updates.add(Updates.set("erasureEventId", erased.eventId()));
        PERSONAL_FIELDS.forEach(field -> updates.add(Updates.unset(field)));
        collection(CONTACTS).updateOne(Filters.eq("_id", erased.contactId()), Updates.combine(updates),
                new UpdateOptions().upsert(true));
        log.info("Erased the personal data of contact {} (event {})", erased.contactId(), erased.eventId());
    }

    private void recordDeal(String eventId, String contactId, String dealId, String outcome, Instant closedAt,
            String ownerId, String lossReason, BigDecimal amount, String currency, String product, Instant at) {
        Document deal = new Document("_id", eventId).append("dealId", dealId).append("contactId", contactId)
                .append("outcome", outcome).append("closedAt", Date.from(closedAt)).append("occurredAt", Date.from(at))
                .append("recordedAt", Date.from(clock.instant()));
        put(deal, "ownerId", ownerId);
        put(deal, "lossReason", lossReason);
        put(deal, "lossReasonKey", lossReason == null ? null : lossReason.trim().toLowerCase(Locale.ROOT));
        put(deal, "amount", amount == null ? null : new Decimal128(amount));
        put(deal, "currency", currency);
        put(deal, "product", product);
        try {
            collection(DEALS).insertOne(deal);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private void touch(TicketClosed ticket) {
        // tickets are not kept here: survey-service triggers on them; nothing of the contact changes
        log.debug("Ticket {} of contact {} closed", ticket.ticketId(), ticket.contactId());
    }

    /**
     * Sets the fields if the stored document is not newer than {@code at}; creates it if missing. Only {@code _id}
     * lookups and writes: the embedded MongoDB server answers a filter on anything more than the bare {@code _id}
     * by scanning the collection, which made the registry slow down as contacts grew (issue 10: 1,836/s, then 69/s).
     * Reading and then writing is safe without a condition in the write because one contact (owner) has one writer:
     * its events share a partition of {@code crm.contacts.v1} ({@code crm.owners.v1}), consumed by one thread, and
     * the erasure of a contact travels the same way. A creation race (two replicas during a rebalance) is settled by
     * the unique {@code _id}: the loser reads again.
     */
    private void conditionalUpsert(String collection, String id, Instant at, String eventId, Document fields,
            boolean skipErased) {
        Document set = new Document(fields).append("updatedAt", Date.from(at)).append("lastEventId", eventId);
        while (true) {
            Document stored = collection(collection).find(Filters.eq("_id", id))
                    .projection(Projections.include("updatedAt", "erased")).first();
            if (stored == null) {
                try {
                    collection(collection).insertOne(nested(new Document("_id", id), set));
                    return;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            if (skipErased && stored.getBoolean("erased", false) || isNewer(stored.getDate("updatedAt"), at)) {
                log.debug("Ignored event {} for {} {}: newer data (or an erasure) is already stored", eventId,
                        collection, id);
                return;
            }
            collection(collection).updateOne(Filters.eq("_id", id), new Document("$set", set));
            return;
        }
    }

    /** The {@code $set} fields as a new document: {@code consent.surveys} becomes {@code consent: {surveys}}. */
    private static Document nested(Document document, Document fields) {
        fields.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot < 0) {
                document.append(key, value);
            } else {
                Document parent = document.get(key.substring(0, dot), Document.class);
                if (parent == null) {
                    parent = new Document();
                    document.append(key.substring(0, dot), parent);
                }
                parent.append(key.substring(dot + 1), value);
            }
        });
        return document;
    }

    private static boolean isNewer(Date stored, Instant at) {
        return stored != null && stored.toInstant().isAfter(at);
    }

    private static void put(Document document, String key, Object value) {
        if (value != null) {
            document.append(key, value);
        }
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.getCollection(name);
    }
}
