package io.pulseloop.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bson.Document;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.privacy.ContactKey;
import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.OutgoingEvent;
import io.pulseloop.platform.events.PublishFailedException;

/**
 * The key authority of one service ({@code pulseloop.pii.authority}, e.g. {@code crm-sync}): seals the personal
 * fields it publishes with a per-contact data key ({@code <authority>/<contactId>}) and destroys that key on erasure.
 *
 * <pre>{@code
 * PersonalDataSealer.Sealing sealing = sealer.prepare(contactIdsOfTheBatch);   // keys exist and are on the topic
 * String email = sealing.seal(contactId, upserted.email());                    // pii:v1:crm-sync/c-1:..., or null once erased
 * ...
 * sealer.erase(contactId);                                                     // on crm.contact.erased
 * }</pre>
 *
 * <p><b>Key before data.</b> {@link #prepare} returns only when every new key record was acknowledged on the
 * contact-keys topic; a reader can therefore only ever see a sealed field whose key is already in the log before it
 * (it may still be behind in reading it: {@link ContactKeyUnavailableException}). Two replicas racing to create one
 * contact's key: one insert wins by {@code _id}, both use and (re)publish the winner's key.
 */
public class PersonalDataSealer {

    private final String authority;
    private final ContactKeyStore store;
    private final KeyEncryptionKey kek;
    private final EventPublisher publisher;
    private final String topic;
    private final Clock clock;
    /** Key ids whose record Kafka acknowledged: sealing with them needs no MongoDB round trip. */
    private final Cache<String, Boolean> published;

    public PersonalDataSealer(String authority, ContactKeyStore store, KeyEncryptionKey kek, EventPublisher publisher,
            String topic, Clock clock) {
        this.authority = authority;
        this.store = store;
        this.kek = kek;
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
        this.published = Caffeine.newBuilder().maximumSize(100_000).build();
    }

    /** {@code <authority>/<contactId>}. */
    public String keyIdOf(String contactId) {
        return authority + "/" + contactId;
    }

    /**
     * Makes sure each contact has a key known to the readers (created, stored, acknowledged on the topic: one round
     * trip for all new keys), and returns what seals their fields.
     *
     * @throws PublishFailedException when a new key record was not acknowledged (nothing may be sealed with it yet)
     */
    public Sealing prepare(Collection<String> contactIds) {
        Sealing sealing = prepareForOutbox(contactIds);
        publisher.publishAll(sealing.keyRecords());
        List<String> keyIds = sealing.keyRecords().stream().map(OutgoingEvent::key).toList();
        store.markPublished(keyIds);
        keyIds.forEach(keyId -> published.put(keyId, Boolean.TRUE));
        return new Sealing(sealing.keys, List.of());
    }

    /**
     * Like {@link #prepare}, without talking to Kafka: for a service that publishes from an outbox (and must not
     * block its callers on the broker). {@link Sealing#keyRecords()} are the key records not acknowledged yet; the
     * caller puts them into the same outbox <em>before</em> the events sealed with them, so they go out in the same
     * relay, first. A reader that still sees an event before its key waits for the key
     * ({@code pulseloop.pii.key-wait}, then its container's retries).
     */
    public Sealing prepareForOutbox(Collection<String> contactIds) {
        Map<String, SecretKey> keys = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String contactId : new LinkedHashSet<>(contactIds)) {
            if (contactId == null) {
                continue;
            }
            String keyId = keyIdOf(contactId);
            ContactKeyStore.KeyState cached = store.cached(keyId);
            if (cached != null && (cached.erased() || published.getIfPresent(keyId) != null)) {
                keys.put(contactId, cached.key());
            } else {
                unknown.add(contactId);
            }
        }
        if (unknown.isEmpty()) {
            return new Sealing(keys, List.of());
        }
        // a batch's keys in three round trips whatever its size: find them, insert the missing ones, read back the
        // few another replica created first (issue 10: one round trip per new contact held crm-sync to ~50 contacts/s)
        Map<String, String> keyIdOf = new LinkedHashMap<>();
        unknown.forEach(contactId -> keyIdOf.put(contactId, keyIdOf(contactId)));
        Map<String, Document> documents = store.ownDocuments(keyIdOf.values());
        Map<String, String> fresh = new LinkedHashMap<>();
        keyIdOf.values().stream().filter(keyId -> !documents.containsKey(keyId))
                .forEach(keyId -> fresh.put(keyId, kek.wrap(keyId, Aes.newKey())));
        Set<String> inserted = store.insertAllNew(fresh);
        inserted.forEach(keyId -> documents.put(keyId, new Document("_id", keyId).append("wrappedKey",
                fresh.get(keyId))));
        List<String> lostRace = fresh.keySet().stream().filter(keyId -> !inserted.contains(keyId)).toList();
        documents.putAll(store.ownDocuments(lostRace));
        List<OutgoingEvent> records = new ArrayList<>();
        for (Map.Entry<String, String> entry : keyIdOf.entrySet()) {
            String keyId = entry.getValue();
            Document document = documents.get(keyId);
            if (document == null) {
                throw new IllegalStateException("The data key " + keyId + " was neither found nor created");
            }
            if (Boolean.TRUE.equals(document.getBoolean("erased"))) {
                keys.put(entry.getKey(), null);
                continue;
            }
            String wrapped = document.getString("wrappedKey");
            SecretKey key = kek.unwrap(keyId, wrapped);
            keys.put(entry.getKey(), key);
            store.remember(keyId, key);
            if (document.get("publishedAt") == null) {
                records.add(record(new ContactKey(keyId, ContactKey.State.ACTIVE, wrapped, clock.instant())));
            } else {
                published.put(keyId, Boolean.TRUE);
            }
        }
        return new Sealing(keys, records);
    }

    /** One contact's {@link #prepare} and seal. */
    public String seal(String contactId, String clear) {
        return prepare(List.of(contactId)).seal(contactId, clear);
    }

    /**
     * Destroys the contact's key here and tells every reader (the {@code ERASED} marker on the topic, not a tombstone: compaction keeps
     * the latest value of a key id, so the wrapped key leaves the log within the compaction bound while the marker stays,
     * and a reader that starts from scratch (a new replica, an analytics rebuild) learns that the key is erased instead
     * of waiting for a key that will never come, awaited):
     * every field ever sealed with it becomes unreadable everywhere, in every log and backup. Idempotent.
     *
     * @throws PublishFailedException when the marker was not acknowledged (the caller retries; the local key is gone
     *                                already)
     */
    public void erase(String contactId) {
        String keyId = keyIdOf(contactId);
        store.erase(keyId);
        published.invalidate(keyId);
        publisher.publish(record(new ContactKey(keyId, ContactKey.State.ERASED, null, clock.instant())));
    }

    private OutgoingEvent record(ContactKey value) {
        return new OutgoingEvent(topic, value.keyId(), EventJson.mapper().writeValueAsBytes(value),
                Map.of("keyState", value.state().name()));
    }

    /** Seals fields of the contacts {@link #prepare} was given. */
    public final class Sealing {

        private final Map<String, SecretKey> keys;
        private final List<OutgoingEvent> keyRecords;

        Sealing(Map<String, SecretKey> keys, List<OutgoingEvent> keyRecords) {
            this.keys = keys;
            this.keyRecords = List.copyOf(keyRecords);
        }

        /** After {@link #prepareForOutbox}: the key records to publish before the sealed events; else empty. */
        public List<OutgoingEvent> keyRecords() {
            return keyRecords;
        }

        /**
         * @return the sealed text; {@code null} when {@code clear} is {@code null} or the contact is erased (an erased
         *         contact's personal data is not published at all)
         * @throws IllegalArgumentException for a contact {@link #prepare} was not given
         */
        public String seal(String contactId, String clear) {
            if (clear == null) {
                return null;
            }
            if (!keys.containsKey(contactId)) {
                throw new IllegalArgumentException("No key prepared for contact " + contactId);
            }
            SecretKey key = keys.get(contactId);
            if (key == null) {
                return null;
            }
            String keyId = keyIdOf(contactId);
            return SealedField.format(keyId, Aes.encrypt(key, clear.getBytes(StandardCharsets.UTF_8),
                    keyId.getBytes(StandardCharsets.UTF_8)));
        }

        /** Each value sealed (values of an erased contact left out); {@code null} stays {@code null}. */
        public Map<String, String> sealValues(String contactId, Map<String, String> clear) {
            if (clear == null) {
                return null;
            }
            Map<String, String> sealed = new LinkedHashMap<>();
            clear.forEach((name, value) -> {
                String s = seal(contactId, value);
                if (s != null) {
                    sealed.put(name, s);
                }
            });
            return sealed;
        }

        /** True when the contact's key is erased: nothing of theirs is sealed (or published). */
        public boolean erased(String contactId) {
            return keys.containsKey(contactId) && keys.get(contactId) == null;
        }
    }
}
