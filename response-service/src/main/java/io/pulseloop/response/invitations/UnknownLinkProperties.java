package io.pulseloop.response.invitations;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What an unknown survey link does while the invitation consumer is behind ({@code pulseloop.response.unknown-links}).
 *
 * @param awaitInvitations whether an unknown link checks the consumer's progress at all (false: the contract's
 *                       {@code 404} at once, as before; the broker-outage {@code 503} stays)
 * @param maxWait        how long an unknown link waits for the consumer to read up to the end offsets it saw;
 *                       still unknown after it (and still behind): {@code 503} with {@code retryAfter}
 * @param retryAfter     the {@code Retry-After} of that {@code 503}
 * @param maxWaiters     requests waiting at the same time; beyond them, an unknown link while behind is a
 *                       {@code 503} at once, so a flood of made-up tokens cannot hold the request threads
 * @param offsetsMaxAge  how long one reading of the offsets (one round of admin calls) is shared by all requests
 */
@Validated
@ConfigurationProperties("pulseloop.response.unknown-links")
public record UnknownLinkProperties(
        @DefaultValue("true") boolean awaitInvitations,
        @NotNull @DefaultValue("PT2.5S") Duration maxWait,
        @NotNull @DefaultValue("PT5S") Duration retryAfter,
        @Min(1) @DefaultValue("16") int maxWaiters,
        @NotNull @DefaultValue("PT0.15S") Duration offsetsMaxAge) {
}
