package io.pulseloop.closedloop.tasks;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.pulseloop.closedloop.tasks.domain.DuePolicy;
import io.pulseloop.closedloop.tasks.domain.FollowUpPolicy;
import io.pulseloop.closedloop.tasks.domain.Priority;
import io.pulseloop.closedloop.tasks.domain.TaskRules;
import io.pulseloop.closedloop.tasks.domain.WorkingCalendar;

/**
 * Follow-up task settings ({@code pulseloop.followup.*}, contract §6.1). Due times: hours are working hours, days
 * working days of the calendar; {@code due-override} (the local profile's {@code PT10M}) replaces them all by plain
 * time.
 *
 * @param maxAttempts     unreached attempts before a task is {@code UNREACHABLE}
 * @param timeZone        the working calendar's zone
 * @param holidayCountry  whose public holidays are days off (Jollyday country code: CZ, PL, …)
 * @param extraClosedDays further days off, e.g. company holidays
 * @param rootCauses      what a resolution may name as the root cause, in display order
 * @param referrals       whether promoters with marketing consent get a {@code PROMOTER_REFERRAL} task
 * @param scanInterval    how often escalations and reminders are looked for
 * @param ownerWait       how long past its due time an escalation waits for the assignee's record from
 *                        {@code crm.owners.v1} when it has not arrived yet (owners and scores come on different
 *                        topics, in no order): without it the manager is not known and nobody would be notified
 */
@Validated
@ConfigurationProperties("pulseloop.followup")
public record FollowUpProperties(
        @Min(1) @DefaultValue("3") int maxAttempts,
        @NotNull @DefaultValue("Europe/Prague") ZoneId timeZone,
        @NotNull @DefaultValue("CZ") String holidayCountry,
        @NotNull @DefaultValue("08:00") LocalTime workdayStart,
        @NotNull @DefaultValue("17:00") LocalTime workdayEnd,
        @DefaultValue List<LocalDate> extraClosedDays,
        @NotNull @DefaultValue("PT4H") Duration urgent,
        @NotNull @DefaultValue("P1D") Duration high,
        @NotNull @DefaultValue("P2D") Duration normal,
        @NotNull @DefaultValue("P5D") Duration low,
        Duration dueOverride,
        @NotEmpty @DefaultValue({"PRODUCT_DEFECT", "SERVICE_QUALITY", "RESPONSE_TIME", "BILLING", "COMMUNICATION",
            "PRICE", "MISUNDERSTANDING", "OTHER"}) List<String> rootCauses,
        @DefaultValue("6") int detractorMax,
        @DefaultValue("2") int lowCsatMax,
        @DefaultValue("3") int highEffortMax,
        @DefaultValue("9") int promoterMin,
        @DefaultValue("true") boolean referrals,
        @NotNull @DefaultValue("PT5S") Duration scanInterval,
        @NotNull @DefaultValue("PT1M") Duration ownerWait) {

    /** The rules these settings describe. */
    public FollowUpPolicy policy() {
        WorkingCalendar calendar = WorkingCalendar.of(timeZone, workdayStart, workdayEnd, holidayCountry,
                Set.copyOf(extraClosedDays));
        Map<Priority, Duration> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.URGENT, urgent);
        targets.put(Priority.HIGH, high);
        targets.put(Priority.NORMAL, normal);
        targets.put(Priority.LOW, low);
        return new FollowUpPolicy(new TaskRules(detractorMax, lowCsatMax, highEffortMax, promoterMin, referrals),
                new DuePolicy(calendar, targets, dueOverride), maxAttempts, rootCauses);
    }
}
