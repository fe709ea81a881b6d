package io.pulseloop.survey.scheduling;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The durable scheduler ({@code pulseloop.survey.scheduling.*}).
 *
 * @param enabled           whether this replica polls on its own ({@code false}: only explicit ticks, as in tests)
 * @param pollInterval      pause between two ticks
 * @param batchSize         invitations claimed (and emails sent over one SMTP connection) at a time
 * @param maxBatchesPerTick bounds one tick, so a backlog after downtime drains at a steady pace instead of at once
 * @param lease             how long a claim holds; longer than any batch takes (SMTP timeouts included)
 * @param retryBackoff      pause after the first failed send, doubled after each further failure
 * @param maxRetryBackoff   the longest pause between two attempts
 * @param giveUpAfter       after this long of failing, a send is recorded as {@code FAILED} instead of retried
 * @param maxIdleInterval   the longest pause between ticks while there is nothing to do (the pause doubles from
 *                          {@code pollInterval}; a step this replica schedules ends it at once)
 * @param ownerId           this replica's name in leases; by default host name and a random suffix
 */
@Validated
@ConfigurationProperties("pulseloop.survey.scheduling")
public record SchedulingProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("PT1S") Duration pollInterval,
        @Min(1) @Max(1000) @DefaultValue("1000") int batchSize,
        @Min(1) @DefaultValue("10") int maxBatchesPerTick,
        @NotNull @DefaultValue("PT2M") Duration lease,
        @NotNull @DefaultValue("PT1M") Duration retryBackoff,
        @NotNull @DefaultValue("PT1H") Duration maxRetryBackoff,
        @NotNull @DefaultValue("P7D") Duration giveUpAfter,
        @NotNull @DefaultValue("PT10S") Duration maxIdleInterval,
        String ownerId) {
}
