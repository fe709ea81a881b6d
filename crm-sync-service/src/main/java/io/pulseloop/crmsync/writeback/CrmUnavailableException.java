package io.pulseloop.crmsync.writeback;

import java.time.Duration;

/**
 * The CRM could not take the update now: a {@code 5xx}, {@code 408} or {@code 429} answer. Retried; counted by the
 * circuit breaker (except {@link CrmRateLimitedException}).
 */
public class CrmUnavailableException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public CrmUnavailableException(int status, Duration retryAfter, String message) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** What the CRM asked for in {@code Retry-After}, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
