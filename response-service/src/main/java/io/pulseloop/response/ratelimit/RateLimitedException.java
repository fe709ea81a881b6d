package io.pulseloop.response.ratelimit;

/** A request went over a rate limit; answered {@code 429} with {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {

    private final String limit;
    private final long retryAfterSeconds;

    public RateLimitedException(String limit, long retryAfterSeconds) {
        super("Too many requests " + limit + "; retry after " + retryAfterSeconds + " s");
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Which limit: {@code per client address} or {@code per invitation token}. */
    public String limit() {
        return limit;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
