package io.pulseloop.platform.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * <p><b>Many at once</b>, for batches of work, in a number of round trips that does not grow with the batch where
 * the embedded server allows it:
 * <ul>
 * <li>{@link #acquireAll}: named leases on many keys (a contact, a step of an invitation) in a lease collection: one
 * unordered insert (the unique {@code _id} admits one holder per key), then one {@code findAndModify} per key found
 * held, which takes over only an expired one; {@link #releaseAll} deletes them in one bulk write, so per-key lease
 * documents do not pile up.</li>
 * <li>{@link #claimAll}: up to N due documents of a collection under a lease field: a search for candidates, one
 * {@code updateMulti} that leases those still due and free under a claim id unique to the call, and one read back of
 * what it won; {@link #claimFirst} takes the first one in a single {@code findAndModify}. A claim is exclusive: a
 * lease of the same owner is not "its own" here, so two threads of one replica never share a document.</li>
 * </ul>
 * A document's own write can grant or end a lease field in the same update ({@link #granting}, {@link #releasing});
 * {@link #heldBy} makes a write conditional on the lease still being the caller's.
 *
 * <p>The filter is the {@code _id} plus the lease's own fields. Real MongoDB finds the document by {@code _id} and
 * checks the rest; the embedded test server scans the collection for any filter that is not exactly {@code {_id}},
 * which matters only for benchmarks on it with large collections.
 */
public class MongoLease {

    private static final int DUPLICATE_KEY = 11000;

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

    /**
     * Acquires the named leases {@code names} (the {@code _id}s of lease documents in {@code collection}) that are free
     * or expired: one unordered insert of all of them, then a takeover attempt for each key whose document exists.
     * Give each call its own {@code owner} when two threads of one replica may ask for the same keys.
     *
     * @return the leases acquired, in the order of {@code names}; keys held by another owner are left out
     */
    public List<Lease> acquireAll(String collection, Collection<?> names, String owner, Duration ttl) {
        List<Object> ids = List.copyOf(new LinkedHashSet<>(names));
        if (ids.isEmpty()) {
            return List.of();
        }
        Instant until = clock.instant().plus(ttl);
        Set<Integer> existing = new HashSet<>();
        try {
            mongo.getCollection(collection).insertMany(ids.stream().map(id -> new Document("_id", id)
                    .append("owner", owner).append("until", Date.from(until)).append("token", 1L)).toList(),
                    new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException ex) {
            for (BulkWriteError error : ex.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw ex;
                }
                existing.add(error.getIndex());
            }
        }
        List<Lease> acquired = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (existing.contains(i)) {
                acquire(collection, ids.get(i), null, owner, ttl).ifPresent(acquired::add);
            } else {
                acquired.add(new Lease(collection, ids.get(i), null, owner, until, 1L));
            }
        }
        return acquired;
    }

    /**
     * Ends many leases in one bulk write, each only if it is still held with its token: a named lease's document is
     * deleted (batch keys would otherwise pile up), a lease field expires at once.
     */
    public void releaseAll(Collection<Lease> leases) {
        Map<String, List<Lease>> byCollection = new LinkedHashMap<>();
        leases.forEach(lease -> byCollection.computeIfAbsent(lease.collection(), c -> new ArrayList<>()).add(lease));
        byCollection.forEach((collection, held) -> {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
            for (Lease lease : held) {
                if (lease.field() == null) {
                    bulk.remove(held(lease));
                } else {
                    bulk.updateOne(held(lease), releasing(new Update(), lease.field()));
                }
            }
            bulk.execute();
        });
    }

    /**
     * Deletes the named leases {@code names} of {@code collection} that {@code owner} still holds, in one bulk write:
     * for a batch whose holder is unique to it (an {@code owner/uuid} per call), so its leases need not be carried
     * around until the work is done.
     */
    public void releaseAll(String collection, Collection<?> names, String owner) {
        if (names.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        names.forEach(name -> bulk.remove(new Query(Criteria.where("_id").is(name).and("owner").is(owner))));
        bulk.execute();
    }

    /**
     * Claims up to {@code limit} documents of {@code collection} that match {@code due} and whose lease
     * {@code field} is free or expired, in {@code sort} order, for one claim of {@code owner} ({@code owner/uuid}, unique
     * to this call). Three round trips whatever the batch: the candidates, one {@code updateMulti} that leases those
     * still due and free, one read of the documents it won. Two replicas claiming at once never get the same document.
     *
     * @return the documents claimed, as they are now (with their lease), in {@code sort} order
     */
    public List<Leased> claimAll(String collection, Criteria due, Sort sort, String field, String owner, Duration ttl,
            int limit) {
        Instant now = clock.instant();
        Query candidates = new Query(new Criteria().andOperator(due, free(field, now))).with(sort).limit(limit);
        candidates.fields().include("_id");
        List<Object> ids = mongo.find(candidates, Document.class, collection).stream().map(d -> d.get("_id")).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        String claim = owner + "/" + UUID.randomUUID();
        mongo.updateMulti(new Query(new Criteria().andOperator(Criteria.where("_id").in(ids), due, free(field, now))),
                granting(new Update(), field, claim, now.plus(ttl)), collection);
        Map<Object, Leased> won = new HashMap<>();
        for (Document document : mongo.find(new Query(Criteria.where("_id").in(ids)), Document.class, collection)) {
            Document lease = document.get(field, Document.class);
            if (lease != null && claim.equals(lease.getString("owner"))) {
                won.put(document.get("_id"), new Leased(lease(collection, document.get("_id"), field, document),
                        document));
            }
        }
        return ids.stream().filter(won::containsKey).map(won::get).toList();
    }

    /**
     * Claims the first document (in {@code sort} order) that matches {@code due} and whose lease {@code field} is
     * free or expired: one {@code findAndModify}. Exclusive like {@link #claimAll}.
     */
    public Optional<Leased> claimFirst(String collection, Criteria due, Sort sort, String field, String owner,
            Duration ttl) {
        Instant now = clock.instant();
        String claim = owner + "/" + UUID.randomUUID();
        Document claimed = mongo.findAndModify(new Query(new Criteria().andOperator(due, free(field, now))).with(sort),
                granting(new Update(), field, claim, now.plus(ttl)), FindAndModifyOptions.options().returnNew(true),
                Document.class, collection);
        return Optional.ofNullable(claimed).map(document -> new Leased(
                lease(collection, document.get("_id"), field, document), document));
    }

    /** Adds "grant the lease {@code field} to {@code owner} until {@code until}" to a document's own update. */
    public static Update granting(Update update, String field, String owner, Instant until) {
        return update.set(field + ".owner", owner).set(field + ".until", Date.from(until)).inc(field + ".token", 1L);
    }

    /** Adds "the lease {@code field} ends now" to a document's own update (it keeps its token). */
    public static Update releasing(Update update, String field) {
        return update.set(field + ".until", new Date(0));
    }

    /** The filter of a write that must only happen while {@code lease} is still held: its document, owner and token. */
    public static Query heldBy(Lease lease) {
        return held(lease);
    }

    /** The condition "the lease {@code field} is free or expired at {@code now}". */
    public static Criteria free(String field, Instant now) {
        return new Criteria().orOperator(Criteria.where(field + ".until").lte(Date.from(now)),
                Criteria.where(field + ".until").exists(false));
    }

    /** A document claimed under a lease field, as it was when claimed. */
    public record Leased(Lease lease, Document document) {
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
