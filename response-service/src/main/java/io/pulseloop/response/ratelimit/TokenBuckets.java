package io.pulseloop.response.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per key (a client address, an invitation token): {@code capacity} requests at once, refilled
 * continuously at {@code capacity} per {@code period}. Plain Java on an injected {@link Clock}, so tests move time.
 *
 * <p><b>Bounded memory without a reset.</b> The buckets live in a Caffeine cache of at most {@code maxKeys}
 * entries. When it is full, Caffeine evicts by recency and frequency (W-TinyLFU: an LRU window in front of a main
 * area that admits a newcomer only if it is used more often than the entry it would displace), so a client
 * spraying fresh addresses mostly evicts its own one-off buckets and never the bucket of a client that is being
 * limited right now, which it keeps hitting. (The former map cleared every bucket when full, so spraying addresses
 * reset everybody's limit: issue 11 #6.) A bucket idle for a whole {@code period} has refilled completely and is
 * indistinguishable from no bucket, so it expires then, on the same clock.
 *
 * <p>Why not one Resilience4j {@code RateLimiter} per key: its registry keeps every limiter it ever created and it
 * reads the system nanosecond timer.
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
    private final Cache<String, Bucket> buckets;

    public TokenBuckets(Clock clock, int capacity, Duration period, int maxKeys) {
        if (capacity < 1 || period.isZero() || period.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("capacity, period and maxKeys must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
        this.nanosPerToken = (double) period.toNanos() / capacity;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(period.toNanos(), TimeUnit.NANOSECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // maintenance (eviction) on the calling thread: cheap, and the bound holds when the call returns
                .executor(Runnable::run)
                .build();
    }

    /** Takes a token from the key's bucket if there is one. */
    public Decision tryAcquire(String key) {
        Instant now = clock.instant();
        return buckets.get(key, ignored -> new Bucket(capacity, now)).take(now);
    }

    /** How many keys have a bucket (for tests and a gauge); never more than {@code maxKeys} once maintained. */
    public long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
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

        private void refill(Instant now) {
            long elapsed = Duration.between(updated, now).toNanos();
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed / nanosPerToken);
                updated = now;
            }
        }
    }
}
