package io.pulseloop.response.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits of the public endpoints ({@code pulseloop.response.rate-limit}).
 *
 * @param perAddress every request to a public endpoint, keyed by the client address
 * @param perToken   answers and unsubscribes, keyed by the invitation token
 * @param maxKeys    how many keys each limit tracks at most (least recently and least often used dropped first)
 */
@Validated
@ConfigurationProperties("pulseloop.response.rate-limit")
public record RateLimitProperties(
        @Valid @NotNull @DefaultValue Limit perAddress,
        @Valid @NotNull @DefaultValue Limit perToken,
        @Min(100) @DefaultValue("100000") int maxKeys) {

    /** {@code capacity} requests at once, refilled at {@code capacity} per {@code period}. */
    public record Limit(@Min(1) @DefaultValue("300") int capacity, @NotNull @DefaultValue("PT1M") Duration period) {
    }
}
