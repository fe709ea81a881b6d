package io.pulseloop.crmsync.inbound;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the inbound pipeline ({@code pulseloop.crm.inbound.*}).
 *
 * @param publishTimeout  how long to wait for Kafka to acknowledge canonical events and dead letters
 * @param retryInitial    first wait before a batch is retried after an infrastructure failure (Mongo, Kafka)
 * @param retryMax        the longest wait between such retries; they go on until the infrastructure is back,
 *                        because the records are fine and must not be dead-lettered for an outage
 * @param readAttempts    how often an unreadable record is read before it is dead-lettered (validation errors
 *                        are never retried: they are dead-lettered at once)
 */
@Validated
@ConfigurationProperties("pulseloop.crm.inbound")
public record InboundProperties(
        @NotNull @DefaultValue("30s") Duration publishTimeout,
        @NotNull @DefaultValue("1s") Duration retryInitial,
        @NotNull @DefaultValue("30s") Duration retryMax,
        @Min(1) @DefaultValue("3") int readAttempts) {
}
