package io.pulseloop.survey.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How strict the contact-pressure policy is.
 *
 * @param fatigueWindow      at most one invitation (reminders included) per contact per window, across all surveys
 * @param delayOverride      when set, replaces every trigger's own delay (the {@code local} profile)
 * @param quietHours         when sends may happen
 * @param maxTriggerLateness a trigger whose send would have been due longer ago than this is not surveyed
 *                           ({@code FILTERED_OUT}): a CRM import of old tickets must not mail last year's customers
 */
public record PolicySettings(Duration fatigueWindow, Duration delayOverride, QuietHours quietHours,
        Duration maxTriggerLateness) {

    public PolicySettings {
        Objects.requireNonNull(fatigueWindow, "fatigueWindow");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(maxTriggerLateness, "maxTriggerLateness");
    }
}
