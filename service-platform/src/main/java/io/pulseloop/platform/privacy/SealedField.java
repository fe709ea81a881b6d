package io.pulseloop.platform.privacy;

import java.util.Base64;

/**
 * The self-describing text that stands in an event in place of a personal field:
 * {@code pii:v1:<keyId>:<base64url(nonce + AES-GCM ciphertext + tag)>}. The key id names the authority and the
 * contact ({@code crm-sync/<contactId>}), so a reader knows which key opens it; the field stays a JSON string, so
 * the event records keep their {@code String} fields.
 */
public final class SealedField {

    /** Every sealed field starts with this. */
    public static final String PREFIX = "pii:v1:";

    private SealedField() {
    }

    /** True for a value written by {@link #format}. */
    public static boolean isSealed(Object value) {
        return value instanceof String text && text.startsWith(PREFIX);
    }

    static String format(String keyId, byte[] nonceAndCiphertext) {
        return PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonceAndCiphertext);
    }

    /**
     * @throws IllegalArgumentException when the text is not a well-formed sealed field
     */
    static Parsed parse(String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed field");
        }
        int last = sealed.lastIndexOf(':');
        if (last <= PREFIX.length()) {
            throw new IllegalArgumentException("a sealed field without a key id");
        }
        return new Parsed(sealed.substring(PREFIX.length(), last),
                Base64.getUrlDecoder().decode(sealed.substring(last + 1)));
    }

    record Parsed(String keyId, byte[] nonceAndCiphertext) {
    }
}
