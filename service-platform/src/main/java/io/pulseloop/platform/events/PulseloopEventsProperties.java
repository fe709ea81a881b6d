package io.pulseloop.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publishing ({@code pulseloop.events}).
 *
 * @param ackTimeout how long {@link EventPublisher} waits for acknowledgements
 * @param maxBlock   the producer's {@code max.block.ms}: how long a send may wait for metadata (a broker outage) before
 *                   it fails, instead of Kafka's 60 s
 */
@ConfigurationProperties("pulseloop.events.publish")
public record PulseloopEventsProperties(
        @DefaultValue("5s") Duration ackTimeout,
        @DefaultValue("2s") Duration maxBlock) {
}
