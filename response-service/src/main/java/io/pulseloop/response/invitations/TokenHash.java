package io.pulseloop.response.invitations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash under which an invitation is known: lowercase hex SHA-256 of the raw URL token. */
public final class TokenHash {

    private TokenHash() {
    }

    /** The hash of a raw token as it appears in {@code /s/{token}}. */
    public static String of(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }
}
