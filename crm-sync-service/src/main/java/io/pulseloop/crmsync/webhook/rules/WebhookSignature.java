package io.pulseloop.crmsync.webhook.rules;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature of contract §2.2: {@code X-Pulseloop-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "."
 * + raw body)>}, with {@code X-Pulseloop-Timestamp: <unix seconds>}. Several comma-separated {@code v1=} values are
 * accepted, and several secrets may be configured, so a secret can be rotated without downtime: a request is
 * authentic when any value matches any secret. Values of other schemes are ignored. Signatures are compared in
 * constant time ({@link MessageDigest#isEqual}); a timestamp further than the tolerance from now, either way, is a
 * replay. Thread-safe.
 */
public final class WebhookSignature {

    public static final String SCHEME = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<byte[]> secrets;
    private final Duration tolerance;

    /**
     * @param secrets   the accepted secrets, at least one
     * @param tolerance how far the timestamp may be from now, either way (contract: 5 minutes)
     */
    public WebhookSignature(List<String> secrets, Duration tolerance) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed");
        }
        this.secrets = secrets.stream().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).toList();
        this.tolerance = tolerance;
    }

    /** The header value a sender computes: {@code v1=<hex>}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return SCHEME + "=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
    }

    /** Checks a request; {@link Verdict#AUTHENTIC} or the reason it is not. */
    public Verdict verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            return Verdict.MISSING_TIMESTAMP;
        }
        String timestamp = timestampHeader.trim();
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verdict.INVALID_TIMESTAMP;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) > 0) {
            return Verdict.REPLAYED;
        }
        List<byte[]> candidates = signatures(signatureHeader);
        if (candidates.isEmpty()) {
            return Verdict.MISSING_SIGNATURE;
        }
        boolean matches = false;
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, timestamp, body);
            for (byte[] candidate : candidates) {
                matches |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return matches ? Verdict.AUTHENTIC : Verdict.BAD_SIGNATURE;
    }

    private static List<byte[]> signatures(String header) {
        List<byte[]> signatures = new ArrayList<>();
        if (header == null) {
            return signatures;
        }
        for (String part : header.split(",")) {
            String value = part.trim();
            int equals = value.indexOf('=');
            if (equals < 0 || !SCHEME.equals(value.substring(0, equals).trim())) {
                continue;
            }
            try {
                signatures.add(HexFormat.of().parseHex(value.substring(equals + 1).trim()));
            } catch (IllegalArgumentException notHex) {
                signatures.add(new byte[0]); // present but wrong: a bad signature, not a missing one
            }
        }
        return signatures;
    }

    private static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The outcome of {@link #verify}; everything but {@code AUTHENTIC} is answered with 401. */
    public enum Verdict {
        AUTHENTIC("authentic"),
        MISSING_TIMESTAMP("missing-timestamp"),
        INVALID_TIMESTAMP("invalid-timestamp"),
        REPLAYED("replayed"),
        MISSING_SIGNATURE("missing-signature"),
        BAD_SIGNATURE("bad-signature");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** A short, stable name for metrics and problem details. */
        public String reason() {
            return reason;
        }
    }
}
