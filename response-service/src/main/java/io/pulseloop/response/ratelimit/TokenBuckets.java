package io.pulseloop.response.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client address, an invitation token): {@code capacity} requests at once, refilled
 * continuously at {@code capacity} per {@code period}. Plain Java on an injected {@link Clock}, so tests move time.
 *
 * <p>Why not one Resilience4j {@code RateLimiter} per key: its registry keeps every limiter it ever created and it
 * reads the system nanosecond timer. Here a bucket that has refilled completely is indistinguishable from no
 * bucket, so idle buckets are dropped when the map grows past {@code maxKeys}, which keeps memory bounded under
 * many distinct addresses.
 */
public final class TokenBuckets {

    /** The outcome of one request: allowed, or refused with how long to wait for the next token. */
    public record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds to wait, at least one: the value of a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private final Clock clock;
    private final int capacity;
    private final double nanosPerToken;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(Clock clock, int capacity, Duration period, int maxKeys) {
        if (capacity < 1 || period.isZero() || period.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("capacity, period and maxKeys must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
        this.nanosPerToken = (double) period.toNanos() / capacity;
        this.maxKeys = maxKeys;
    }

    /** Takes a token from the key's bucket if there is one. */
    public Decision tryAcquire(String key) {
        Instant now = clock.instant();
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            evictFull(now);
        }
        return buckets.computeIfAbsent(key, ignored -> new Bucket(capacity, now)).take(now);
    }

    /** How many keys have a bucket that is not full (for tests and a gauge). */
    public int trackedKeys() {
        return buckets.size();
    }

    private void evictFull(Instant now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().isFullAt(now));
        if (buckets.size() >= maxKeys) {
            // every bucket is in use: forgetting all of them errs on the side of letting people answer
            buckets.clear();
        }
    }

    private final class Bucket {

        private double tokens;
        private Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        synchronized Decision take(Instant now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOWED;
            }
            long waitNanos = (long) Math.ceil((1 - tokens) * nanosPerToken);
            return new Decision(false, Duration.ofNanos(waitNanos));
        }

        synchronized boolean isFullAt(Instant now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(Instant now) {
            long elapsed = Duration.between(updated, now).toNanos();
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed / nanosPerToken);
                updated = now;
            }
        }
    }
}
