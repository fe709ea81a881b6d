package io.pulseloop.events.privacy;

import java.time.Instant;

/**
 * A contact's data key as its authority distributes it on {@code privacy.contact-keys.v1} (compacted; record key =
 * {@code keyId}): the key wrapped with the key-encryption key ({@code ACTIVE}), or the marker that it was destroyed
 * on erasure ({@code ERASED}, no key material). See {@code docs/privacy.md}.
 *
 * @param keyId      {@code <authority>/<contactId>}, e.g. {@code crm-sync/c-1}
 * @param wrappedKey base64 of the AES-GCM-wrapped AES-256 data key; {@code null} when erased
 * @param at         when the key was published or erased
 */
public record ContactKey(String keyId, State state, String wrappedKey, Instant at) {

    /** Whether the key can still open the fields sealed with it. */
    public enum State {
        ACTIVE,
        ERASED
    }
}
