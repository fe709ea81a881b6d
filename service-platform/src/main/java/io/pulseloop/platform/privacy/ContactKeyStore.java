package io.pulseloop.platform.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
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

    /** The authority's own document of a key (published or not), or {@code null}. */
    Document ownDocument(String keyId) {
        return mongo.findById(keyId, Document.class, COLLECTION);
    }

    /** Inserts a new key of this authority; false when another thread or replica created it first. */
    boolean insertNew(String keyId, String wrappedKey) {
        try {
            mongo.insert(new Document("_id", keyId).append("wrappedKey", wrappedKey)
                    .append("createdAt", Date.from(clock.instant())), COLLECTION);
            return true;
        } catch (DuplicateKeyException lost) {
            return false;
        }
    }

    void markPublished(String keyId) {
        mongo.updateFirst(byId(keyId), new Update().set("publishedAt", Date.from(clock.instant())), COLLECTION);
    }

    /** A key record from the topic: kept unless this service already has the key or knows it erased. */
    void received(String keyId, String wrappedKey) {
        mongo.upsert(byId(keyId), new Update().setOnInsert("wrappedKey", wrappedKey)
                .setOnInsert("receivedAt", Date.from(clock.instant())), COLLECTION);
        arrived(keyId);
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
