package io.pulseloop.closedloop;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of closed-loop-service ({@code pulseloop.closed-loop.*}).
 *
 * @param firstContactSla how long the assignee has to reach a detractor before the task escalates
 */
@Validated
@ConfigurationProperties("pulseloop.closed-loop")
public record ClosedLoopProperties(@NotNull @DefaultValue("P2D") Duration firstContactSla) {
}
