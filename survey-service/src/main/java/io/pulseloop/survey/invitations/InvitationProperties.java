package io.pulseloop.survey.invitations;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The contact-pressure policy and the invitation lifecycle ({@code pulseloop.survey.*}).
 *
 * @param fatigueWindow      at most one invitation or reminder per contact per window, across all surveys
 * @param delayOverride      replaces every trigger delay when set ({@code PULSELOOP_SURVEY_DELAY_OVERRIDE}; the
 *                           {@code local} profile sets {@code PT10S})
 * @param maxTriggerLateness triggers whose send was due longer ago than this are not surveyed
 * @param tokenLifetime      how long an invitation's link works
 * @param quietHours         when emails may go out, in the contact's zone
 * @param reminder           the one reminder
 * @param tokens             how the token is kept for the reminder
 */
@Validated
@ConfigurationProperties("pulseloop.survey")
public record InvitationProperties(
        @NotNull @DefaultValue("P30D") Duration fatigueWindow,
        Duration delayOverride,
        @NotNull @DefaultValue("P365D") Duration maxTriggerLateness,
        @NotNull @DefaultValue("P30D") Duration tokenLifetime,
        @Valid @NotNull @DefaultValue QuietHours quietHours,
        @Valid @NotNull @DefaultValue Reminder reminder,
        @Valid @NotNull @DefaultValue Tokens tokens) {

    /**
     * @param enabled     {@code false} in the {@code local} profile
     * @param defaultZone the zone of contacts without a (valid) time zone
     */
    public record QuietHours(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("09:00") LocalTime start,
            @NotNull @DefaultValue("18:00") LocalTime end,
            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> workingDays,
            @NotNull @DefaultValue("Europe/Prague") ZoneId defaultZone) {
    }

    /** @param after time from the invitation to its reminder, if there is no response by then */
    public record Reminder(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("P3D") Duration after) {
    }

    /**
     * @param sealingKey Base64 of 32 bytes ({@code PULSELOOP_SURVEY_TOKENS_SEALING_KEY}); without it a key is
     *                   generated once and kept in the service's database, which protects less
     */
    public record Tokens(String sealingKey) {
    }
}
