package io.pulseloop.response.intake;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Response intake ({@code pulseloop.response.intake}).
 *
 * @param publishTimeout how long an answer waits for Kafka's acknowledgement before it is answered {@code 202}
 *                       and left to the outbox relay
 * @param relayAfter     how old an unpublished outbox entry must be before the relay publishes it (longer than
 *                       {@code publishTimeout}, so the relay does not race a request still waiting)
 * @param relayInterval  how often the relay looks for such entries
 */
@Validated
@ConfigurationProperties("pulseloop.response.intake")
public record IntakeProperties(
        @NotNull @DefaultValue("PT5S") Duration publishTimeout,
        @NotNull @DefaultValue("PT30S") Duration relayAfter,
        @NotNull @DefaultValue("PT5S") Duration relayInterval) {
}
