package io.pulseloop.analytics.signals;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.analytics.signals.rules.AccountSignals;
import io.pulseloop.analytics.signals.rules.ContactSignals;
import io.pulseloop.analytics.signals.rules.NpsAnswer;

/**
 * The state of the signal rules, every read and write by {@code _id}: per contact ({@code signal_contacts}), per
 * account ({@code signal_accounts}: the rules' fields, and the products and deals it bought, added with
 * {@code $addToSet} so that the two writers never overwrite each other), and the products seen in any won deal.
 */
@Component
class SignalStore {

    private static final String CONTACTS = "signal_contacts";
    private static final String ACCOUNTS = "signal_accounts";
    private static final String CATALOGUE = "signal_catalogue";
    private static final String PRODUCTS = "products";

    private final MongoTemplate mongo;

    SignalStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    ContactSignals contact(String contactId) {
        ContactDocument document = mongo.findById(contactId, ContactDocument.class, CONTACTS);
        if (document == null) {
            return ContactSignals.empty(contactId);
        }
        Map<String, Integer> revisions = new HashMap<>();
        if (document.revisions() != null) {
            document.revisions().forEach(r -> revisions.put(r.responseId(), r.revision()));
        }
        return new ContactSignals(contactId, document.answers(), revisions,
                Boolean.TRUE.equals(document.upsellActive()));
    }

    AccountState account(String accountKey) {
        AccountDocument document = mongo.findById(accountKey, AccountDocument.class, ACCOUNTS);
        if (document == null) {
            return new AccountState(AccountSignals.empty(accountKey), Set.of(), List.of());
        }
        return new AccountState(new AccountSignals(accountKey, document.recentDetractors(),
                Boolean.TRUE.equals(document.churnActive()),
                document.churnContactIds(), document.churnResponseIds(), document.churnDetectedAt()),
                document.products() == null ? Set.of() : new TreeSet<>(document.products()),
                document.dealIds() == null ? List.of() : List.copyOf(new TreeSet<>(document.dealIds())));
    }

    Set<String> productsSeen() {
        CatalogueDocument catalogue = mongo.findById(PRODUCTS, CatalogueDocument.class, CATALOGUE);
        return catalogue == null || catalogue.products() == null ? Set.of() : new TreeSet<>(catalogue.products());
    }

    void saveAccount(AccountSignals account) {
        mongo.upsert(byId(account.accountKey()), new Update().set("recentDetractors", account.recentDetractors())
                .set("churnActive", account.churnActive()).set("churnContactIds", account.churnContactIds())
                .set("churnResponseIds", account.churnResponseIds())
                .set("churnDetectedAt", account.churnDetectedAt()), ACCOUNTS);
    }

    void saveContact(ContactSignals contact) {
        List<Revision> revisions = contact.revisions().entrySet().stream()
                .map(e -> new Revision(e.getKey(), e.getValue())).toList();
        mongo.upsert(byId(contact.contactId()), new Update().set("answers", contact.answers())
                .set("revisions", revisions).set("upsellActive", contact.upsellActive()), CONTACTS);
    }

    /** A won deal: its product joins the catalogue and the account's purchases (idempotent set additions). */
    void recordPurchase(String accountKey, String dealId, String product) {
        Update update = new Update();
        if (dealId != null) {
            update.addToSet("dealIds", dealId);
        }
        if (product != null && !product.isBlank()) {
            update.addToSet(PRODUCTS, product);
            mongo.upsert(byId(PRODUCTS), new Update().addToSet(PRODUCTS, product), CATALOGUE);
        }
        if (!update.getUpdateObject().isEmpty()) {
            mongo.upsert(byId(accountKey), update, ACCOUNTS);
        }
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    /** An account's rule state and purchases. */
    record AccountState(AccountSignals signals, Set<String> products, List<String> dealIds) {
    }

    @Document(CONTACTS)
    record ContactDocument(@Id String contactId, List<NpsAnswer> answers, List<Revision> revisions,
            Boolean upsellActive) {
    }

    record Revision(String responseId, int revision) {
    }

    @Document(ACCOUNTS)
    record AccountDocument(@Id String accountKey, List<NpsAnswer> recentDetractors, Boolean churnActive,
            List<String> churnContactIds, List<String> churnResponseIds, Instant churnDetectedAt,
            List<String> products, List<String> dealIds) {
    }

    @Document(CATALOGUE)
    record CatalogueDocument(@Id String id, List<String> products) {
    }
}
