package io.pulseloop.platform.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One lease protocol for every "only one replica does this now" in Pulseloop: a scheduler wave, a contact's lock, an
 * outbox being relayed, a claim on due work. Each step is one atomic {@code findAndModify} on one document, addressed
 * by {@code _id}; expiry is read from the injected {@link Clock}, so no TTL index and no background sweep are needed,
 * and tests move time instead of sleeping.
 *
 * <ul>
 * <li>{@link #acquire}: succeeds when the lease is free, expired, or already the caller's; every acquisition increments
 * the fencing {@code token}. A <b>named lease</b> ({@code field == null}) is its own document ({@code _id} = the name),
 * created on first use. A <b>lease field</b> lives in an existing document (e.g. {@code outboxLease} on a response):
 * {@code outboxLease.owner}, {@code .until}, {@code .token}.</li>
 * <li>{@link #renew}: extends the lease only while nobody took it over (same owner and token), even after its
 * expiry.</li>
 * <li>{@link #release}: expires it at once, only if still held with that token.</li>
 * </ul>
 *
 * Another replica takes over an expired lease with {@code acquire}; the former holder's {@code renew} and
 * {@code release} then fail, and its token is smaller than the new one.
 *
 * <p>The filter is the {@code _id} plus the lease's own fields. Real MongoDB finds the document by {@code _id} and
 * checks the rest; the embedded test server scans the collection for any filter that is not exactly {@code {_id}},
 * which matters only for benchmarks on it with large collections.
 */
public class MongoLease {

    private final MongoOperations mongo;
    private final Clock clock;

    public MongoLease(MongoOperations mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A named lease: the document {@code name} of {@code collection} (e.g. {@code leases}). */
    public Optional<Lease> acquire(String collection, String name, String owner, Duration ttl) {
        return acquire(collection, name, null, owner, ttl);
    }

    /**
     * Acquires the lease for {@code ttl} when it is free, expired or the caller's own.
     *
     * @param field the lease's field in an existing document, or {@code null} for a named lease document
     * @return the lease, or empty when another owner holds it (or, for a field, the document does not exist)
     */
    public Optional<Lease> acquire(String collection, Object id, String field, String owner, Duration ttl) {
        Instant now = clock.instant();
        String p = prefix(field);
        Criteria available = new Criteria().orOperator(
                Criteria.where(p + "until").lte(Date.from(now)),
                Criteria.where(p + "until").exists(false),
                Criteria.where(p + "owner").is(owner));
        Query query = new Query(Criteria.where("_id").is(id).andOperator(available));
        Update update = new Update().set(p + "owner", owner).set(p + "until", Date.from(now.plus(ttl)))
                .inc(p + "token", 1L);
        try {
            Document leased = mongo.findAndModify(query, update,
                    FindAndModifyOptions.options().returnNew(true).upsert(field == null), Document.class, collection);
            return Optional.ofNullable(leased).map(document -> lease(collection, id, field, document));
        } catch (DuplicateKeyException heldByAnother) {
            // the upsert of a named lease found its document held by someone else
            return Optional.empty();
        }
    }

    /** Extends a lease by {@code ttl} from now while nobody took it over; empty when someone did. */
    public Optional<Lease> renew(Lease lease, Duration ttl) {
        String p = prefix(lease.field());
        Instant until = clock.instant().plus(ttl);
        Document renewed = mongo.findAndModify(held(lease), new Update().set(p + "until", Date.from(until)),
                FindAndModifyOptions.options().returnNew(true), Document.class, lease.collection());
        return Optional.ofNullable(renewed)
                .map(document -> lease(lease.collection(), lease.id(), lease.field(), document));
    }

    /** Ends the lease now, if it is still this one; false when it had been taken over. */
    public boolean release(Lease lease) {
        String p = prefix(lease.field());
        return mongo.updateFirst(held(lease), new Update().set(p + "until", new Date(0)), lease.collection())
                .getMatchedCount() == 1;
    }

    /** True when the lease is still this one and unexpired now (e.g. before committing work done under it). */
    public boolean stillHeld(Lease lease) {
        return lease.until().isAfter(clock.instant()) && mongo.exists(held(lease), lease.collection());
    }

    private static Query held(Lease lease) {
        String p = prefix(lease.field());
        return new Query(Criteria.where("_id").is(lease.id()).and(p + "owner").is(lease.owner())
                .and(p + "token").is(lease.token()));
    }

    private static Lease lease(String collection, Object id, String field, Document document) {
        Document fields = field == null ? document : document.get(field, Document.class);
        return new Lease(collection, id, field, fields.getString("owner"), fields.getDate("until").toInstant(),
                ((Number) fields.get("token")).longValue());
    }

    private static String prefix(String field) {
        return field == null ? "" : field + ".";
    }
}
