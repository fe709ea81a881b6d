package io.pulseloop.survey.policy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic sampling: the same key always lands on the same side, so a redelivered or re-evaluated trigger is
 * sampled exactly as the first time, and the share of keys sampled in converges on the rate.
 */
public final class Sampling {

    private Sampling() {
    }

    /** Whether {@code key} falls within {@code rate} (0 = nobody, 1 = everybody). */
    public static boolean sampledIn(String key, double rate) {
        if (rate >= 1.0) {
            return true;
        }
        if (rate <= 0.0) {
            return false;
        }
        return position(key) < rate;
    }

    /** A uniform position in [0, 1) derived from the key. */
    static double position(String key) {
        long bits = ByteBuffer.wrap(sha256(key)).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JRE", ex);
        }
    }
}
