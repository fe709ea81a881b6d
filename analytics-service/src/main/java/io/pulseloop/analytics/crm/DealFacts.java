package io.pulseloop.analytics.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.events.crm.DealWon;

/**
 * Won deals, keyed by deal id (the same deal again overwrites itself: idempotent), for revenue by NPS category and
 * repeat purchases. Revenue queries scan the deals of a period (not a hot path).
 */
@Component
public class DealFacts {

    private static final String COLLECTION = "deals";

    private final MongoTemplate mongo;

    DealFacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void record(DealWon deal, String accountId) {
        Update update = new Update().set("contactId", deal.contactId()).set("closedAt", deal.closedAt())
                .set("amount", deal.amount()).set("currency", deal.currency()).set("product", deal.product());
        if (accountId != null) {
            update.set("accountId", accountId);
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(deal.dealId())), update, COLLECTION);
    }

    /** Streams the deals closed in [{@code from}, {@code to}) (either end open when {@code null}). */
    public void forEachClosed(Instant from, Instant to, Consumer<Deal> sink) {
        Criteria criteria = new Criteria();
        if (from != null || to != null) {
            Criteria closedAt = criteria.and("closedAt");
            if (from != null) {
                closedAt.gte(from);
            }
            if (to != null) {
                closedAt.lt(to);
            }
        }
        try (Stream<Deal> deals = mongo.stream(Query.query(criteria), Deal.class, COLLECTION)) {
            deals.forEach(sink);
        }
    }

    /** A won deal. */
    @Document(COLLECTION)
    @CompoundIndex(name = "closed", def = "{'closedAt': 1}")
    public record Deal(@Id String dealId, String contactId, String accountId, Instant closedAt, BigDecimal amount,
            String currency, String product) {
    }
}
