package io.pulseloop.response.intake;

import java.time.Duration;

/**
 * An unknown survey link that may still be a real one: its invitation may not have reached this service yet (the
 * broker is unreachable, or the invitation consumer is behind and did not catch up in time). {@code 503} with
 * {@code Retry-After}, never the contract's {@code 404}, which would tell a customer their real link is wrong.
 */
public class LinkNotConfirmedException extends RuntimeException {

    private final Duration retryAfter;

    public LinkNotConfirmedException(Duration retryAfter) {
        super(UnknownLinks.DETAIL);
        this.retryAfter = retryAfter;
    }

    /** When to try the link again, in whole seconds (at least one). */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
