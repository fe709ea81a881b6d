package io.pulseloop.crmsync.writeback;

import java.time.Duration;

/** The CRM answered {@code 429}: retried after its {@code Retry-After}; the CRM is up, so the circuit stays closed. */
public class CrmRateLimitedException extends CrmUnavailableException {

    public CrmRateLimitedException(Duration retryAfter, String message) {
        super(429, retryAfter, message);
    }
}
