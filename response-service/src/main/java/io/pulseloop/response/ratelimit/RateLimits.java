package io.pulseloop.response.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The two limits of the public endpoints: per client address and per invitation token. */
@Component
public class RateLimits {

    private final TokenBuckets perAddress;
    private final TokenBuckets perToken;
    private final Counter addressRefusals;
    private final Counter tokenRefusals;

    public RateLimits(RateLimitProperties properties, Clock clock, MeterRegistry meters) {
        this.perAddress = new TokenBuckets(clock, properties.perAddress().capacity(),
                properties.perAddress().period(), properties.maxKeys());
        this.perToken = new TokenBuckets(clock, properties.perToken().capacity(), properties.perToken().period(),
                properties.maxKeys());
        this.addressRefusals = Counter.builder("pulseloop.response.rate-limited").tag("limit", "address")
                .description("Requests refused with 429").register(meters);
        this.tokenRefusals = Counter.builder("pulseloop.response.rate-limited").tag("limit", "token")
                .description("Requests refused with 429").register(meters);
    }

    /**
     * Counts one request of a client address (an IPv6 address counts for its whole /64, see {@link ClientKeys}).
     *
     * @throws RateLimitedException when the address is over its limit
     */
    public void checkAddress(String address) {
        TokenBuckets.Decision decision = perAddress.tryAcquire(ClientKeys.of(address));
        if (!decision.allowed()) {
            addressRefusals.increment();
            throw new RateLimitedException("per client address", decision.retryAfterSeconds());
        }
    }

    /**
     * Counts one answer or unsubscribe for an invitation token (by its hash).
     *
     * @throws RateLimitedException when the token is over its limit
     */
    public void checkToken(String tokenHash) {
        TokenBuckets.Decision decision = perToken.tryAcquire(tokenHash);
        if (!decision.allowed()) {
            tokenRefusals.increment();
            throw new RateLimitedException("per invitation token", decision.retryAfterSeconds());
        }
    }
}
