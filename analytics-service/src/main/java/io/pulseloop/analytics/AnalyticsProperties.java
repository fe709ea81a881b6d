package io.pulseloop.analytics;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of analytics-service ({@code pulseloop.analytics.*}), read by the score projections.
 *
 * @param confidenceLevel     of the reported margins of error (contract §6: 95 %)
 * @param minimumGroupSize    groups with fewer responses are reported with their counts but no score, so a
 *                            single answer never passes for a segment's opinion
 */
@Validated
@ConfigurationProperties("pulseloop.analytics")
public record AnalyticsProperties(
        @DecimalMin("0.5") @DecimalMax("0.999") @DefaultValue("0.95") double confidenceLevel,
        @Min(1) @DefaultValue("5") int minimumGroupSize) {
}
