package io.pulseloop.platform.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * This service's copies of contact data keys, in its own MongoDB collection {@value #COLLECTION}: the keys it is the
 * authority for, and those it received on the contact-keys topic. Every access is by {@code _id} (the key id); keys
 * are stored wrapped with the KEK and unwrapped only in memory (a size-bounded Caffeine cache).
 *
 * <p>A document: {@code _id} key id, {@code wrappedKey}, {@code publishedAt} (authority: when Kafka acknowledged its
 * key record), or {@code erased: true} and {@code erasedAt} with no key material. An erased key never comes back: a
 * key record arriving later (a replay) only fills a document that does not exist yet ({@code $setOnInsert}).
 */
public class ContactKeyStore {

    /** The collection of every service's key copies. */
    public static final String COLLECTION = "contact_keys";

    /**
     * How long an unwrapped key is trusted without asking MongoDB again. Replicas of a reader share one consumer group,
     * so the erasure marker reaches the database through one of them: the others notice within this time.
     */
    public static final Duration CACHE_TTL = Duration.ofMinutes(1);

    private final MongoOperations mongo;
    private final KeyEncryptionKey kek;
    private final Clock clock;
    private final Cache<String, KeyState> cache;
    private final Map<String, CompletableFuture<Void>> arrivals = new ConcurrentHashMap<>();

    public ContactKeyStore(MongoOperations mongo, KeyEncryptionKey kek, Clock clock, long cacheSize) {
        this.mongo = mongo;
        this.kek = kek;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(CACHE_TTL).build();
    }

    /** What this service knows of a key: present and usable, erased, or (empty) nothing yet. */
    public Optional<KeyState> find(String keyId) {
        KeyState cached = cache.getIfPresent(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Document document = mongo.findById(keyId, Document.class, COLLECTION);
        Optional<KeyState> state = stateOf(keyId, document);
        state.ifPresent(known -> cache.put(keyId, known));
        return state;
    }

    /** What the cache knows, without asking MongoDB; {@code null} when nothing. */
    KeyState cached(String keyId) {
        return cache.getIfPresent(keyId);
    }

    void remember(String keyId, SecretKey key) {
        cache.put(keyId, KeyState.of(key));
    }

    /**
     * Waits up to {@code patience} for a key that is not known yet to arrive from the topic.
     *
     * @return what is known after the wait (empty if still nothing)
     */
    Optional<KeyState> await(String keyId, Duration patience) {
        Optional<KeyState> now = find(keyId);
        if (now.isPresent() || patience.isZero()) {
            return now;
        }
        CompletableFuture<Void> arrival = arrivals.computeIfAbsent(keyId, id -> new CompletableFuture<>());
        try {
            // the key may have arrived between the lookup and the registration
            now = find(keyId);
            if (now.isEmpty()) {
                arrival.get(patience.toMillis(), TimeUnit.MILLISECONDS);
                now = find(keyId);
            }
            return now;
        } catch (TimeoutException stillMissing) {
            return find(keyId);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return find(keyId);
        } catch (ExecutionException impossible) {
            return find(keyId);
        } finally {
            arrivals.remove(keyId, arrival);
        }
    }

    /** The authority's own documents of these keys (published or not), by key id; absent ones are missing. */
    Map<String, Document> ownDocuments(Collection<String> keyIds) {
        Map<String, Document> found = new HashMap<>();
        if (!keyIds.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(keyIds)), Document.class, COLLECTION)
                    .forEach(document -> found.put(document.getString("_id"), document));
        }
        return found;
    }

    /**
     * Inserts new keys of this authority in one unordered insert.
     *
     * @return the key ids inserted now; the others were created first by another thread or replica
     */
    Set<String> insertAllNew(Map<String, String> wrappedByKeyId) {
        Set<String> inserted = new HashSet<>(wrappedByKeyId.keySet());
        if (wrappedByKeyId.isEmpty()) {
            return inserted;
        }
        Date now = Date.from(clock.instant());
        List<String> ordered = new ArrayList<>(wrappedByKeyId.keySet());
        List<Document> documents = ordered.stream().map(keyId -> new Document("_id", keyId)
                .append("wrappedKey", wrappedByKeyId.get(keyId)).append("createdAt", now)).toList();
        try {
            mongo.getCollection(COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                inserted.remove(ordered.get(error.getIndex()));
            }
        }
        return inserted;
    }

    /** Records that Kafka acknowledged these keys' records (one update by {@code _id $in}). */
    void markPublished(Collection<String> keyIds) {
        if (!keyIds.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(keyIds)),
                    new Update().set("publishedAt", Date.from(clock.instant())), COLLECTION);
        }
    }

    /** A key record from the topic ({@code wrappedKey} set) or an erasure marker ({@code wrappedKey} null). */
    record Change(String keyId, String wrappedKey) {

        static Change received(String keyId, String wrappedKey) {
            return new Change(keyId, wrappedKey);
        }

        static Change erased(String keyId) {
            return new Change(keyId, null);
        }

        boolean erasure() {
            return wrappedKey == null;
        }
    }

    /**
     * Applies a batch of the topic's records in their order, in one ordered bulk write by {@code _id}: each as
     * {@link #received} or {@link #erase} would. A key that this write inserted (the service had no copy, so none
     * erased) goes into the cache at once, so the data consumer waiting for it does not ask MongoDB again.
     */
    void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, COLLECTION);
        for (Change change : changes) {
            bulk.upsert(byId(change.keyId()), change.erasure()
                    ? new Update().set("erased", true).set("erasedAt", now).unset("wrappedKey")
                    : new Update().setOnInsert("wrappedKey", change.wrappedKey()).setOnInsert("receivedAt", now));
        }
        BulkWriteResult result = bulk.execute();
        Set<Integer> inserted = new HashSet<>();
        result.getUpserts().forEach(upsert -> inserted.add(upsert.getIndex()));
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            if (change.erasure()) {
                cache.put(change.keyId(), KeyState.ERASED);
            } else if (inserted.contains(i)) {
                cache.put(change.keyId(), KeyState.of(kek.unwrap(change.keyId(), change.wrappedKey())));
            }
            arrived(change.keyId());
        }
    }

    /** The key is destroyed: its material removed for good, the marker kept so that sealed fields read as absent. */
    void erase(String keyId) {
        mongo.upsert(byId(keyId), new Update().set("erased", true).set("erasedAt", Date.from(clock.instant()))
                .unset("wrappedKey"), COLLECTION);
        cache.put(keyId, KeyState.ERASED);
        arrived(keyId);
    }

    private void arrived(String keyId) {
        CompletableFuture<Void> waiting = arrivals.remove(keyId);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    private Optional<KeyState> stateOf(String keyId, Document document) {
        if (document == null) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(document.getBoolean("erased"))) {
            return Optional.of(KeyState.ERASED);
        }
        String wrapped = document.getString("wrappedKey");
        return wrapped == null ? Optional.empty() : Optional.of(KeyState.of(kek.unwrap(keyId, wrapped)));
    }

    private static Query byId(String keyId) {
        return Query.query(Criteria.where("_id").is(keyId));
    }

    /** A key as this service knows it: usable ({@link #key()} non-null) or erased. */
    public record KeyState(SecretKey key) {

        static final KeyState ERASED = new KeyState(null);

        static KeyState of(SecretKey key) {
            return new KeyState(key);
        }

        public boolean erased() {
            return key == null;
        }
    }
}
