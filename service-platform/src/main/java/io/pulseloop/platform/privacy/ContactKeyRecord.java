package io.pulseloop.platform.privacy;

import java.time.Instant;

import io.pulseloop.events.json.EventJson;

/**
 * The value of a record on the contact-keys topic (record key = {@code keyId}): either the data key wrapped with the
 * KEK ({@code ACTIVE}), or the marker that it was destroyed ({@code ERASED}, no key material).
 *
 * <p>Erasure is a marker value, not a tombstone: compaction keeps the latest value of each key, so the wrapped key
 * leaves the log within the compaction bound while the marker stays, and a reader that starts from scratch (a new
 * replica, an analytics rebuild) still learns that the key is erased instead of waiting for a key that will never
 * come.
 */
record ContactKeyRecord(String keyId, State state, String wrappedKey, Instant at) {

    enum State {
        ACTIVE,
        ERASED
    }

    static ContactKeyRecord active(String keyId, String wrappedKey, Instant at) {
        return new ContactKeyRecord(keyId, State.ACTIVE, wrappedKey, at);
    }

    static ContactKeyRecord erased(String keyId, Instant at) {
        return new ContactKeyRecord(keyId, State.ERASED, null, at);
    }

    byte[] toJson() {
        return EventJson.mapper().writeValueAsBytes(this);
    }

    static ContactKeyRecord fromJson(byte[] json) {
        return EventJson.mapper().readValue(json, ContactKeyRecord.class);
    }
}
