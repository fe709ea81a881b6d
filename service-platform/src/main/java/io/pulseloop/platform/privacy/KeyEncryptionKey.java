package io.pulseloop.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.SecretKey;

/**
 * The key-encryption key (KEK): wraps every contact data key before it leaves the service (the key topic, the
 * {@code contact_keys} collection). From the environment ({@code PULSELOOP_PII_KEK}, base64 of 32 random bytes);
 * never in a repository, a log or a backup of the data it protects.
 */
public final class KeyEncryptionKey {

    /**
     * The fixed development KEK of the {@code local} profile and the tests. Public on purpose: whatever it wraps is
     * protected by nothing, so it must never be used with real data.
     */
    public static final String LOCAL_DEVELOPMENT_KEK = "cHVsc2Vsb29wLWxvY2FsLWRldi1rZWstMzItYnl0ZXM=";

    private final SecretKey key;

    private KeyEncryptionKey(SecretKey key) {
        this.key = key;
    }

    /**
     * @param base64 base64 of exactly 32 bytes
     * @throws IllegalArgumentException when it is not
     */
    public static KeyEncryptionKey fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("PULSELOOP_PII_KEK is not base64", notBase64);
        }
        if (bytes.length != Aes.KEY_BYTES) {
            throw new IllegalArgumentException("PULSELOOP_PII_KEK must be base64 of " + Aes.KEY_BYTES
                    + " random bytes (e.g. `openssl rand -base64 32`), not " + bytes.length + " bytes");
        }
        return new KeyEncryptionKey(Aes.key(bytes));
    }

    /** The data key, encrypted and bound to its key id (a wrapped key cannot be passed off as another contact's). */
    String wrap(String keyId, SecretKey dataKey) {
        return Base64.getEncoder().encodeToString(Aes.encrypt(key, dataKey.getEncoded(), aad(keyId)));
    }

    /**
     * @throws IllegalStateException when the wrapped key was not wrapped with this KEK for this key id (a wrong
     *                               {@code PULSELOOP_PII_KEK}, or a tampered record)
     */
    SecretKey unwrap(String keyId, String wrapped) {
        try {
            return Aes.key(Aes.decrypt(key, Base64.getDecoder().decode(wrapped), aad(keyId)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The data key " + keyId + " cannot be unwrapped: is PULSELOOP_PII_KEK "
                    + "the one it was wrapped with?", e);
        }
    }

    private static byte[] aad(String keyId) {
        return ("pulseloop-contact-key:" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
