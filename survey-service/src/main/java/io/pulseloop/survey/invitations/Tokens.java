package io.pulseloop.survey.invitations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Invitation tokens: 256 random bits from {@link SecureRandom}, URL-safe Base64 without padding (43 characters),
 * carrying no personal data. Only {@link #hash(String)} is stored and published.
 */
public final class Tokens {

    /** Random bits per token; the contract asks for at least 128. */
    public static final int BITS = 256;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** A new token. */
    public static String issue() {
        byte[] bytes = new byte[BITS / 8];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Lowercase hex SHA-256 of the token's UTF-8 bytes: how the token is stored and how response-service finds it. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JRE", ex);
        }
    }
}
