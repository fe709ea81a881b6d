package io.pulseloop.closedloop.tasks.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a task of a priority is due. Normally counted in working time of the {@link WorkingCalendar}: the hours of a
 * duration are working hours and its days are working days (a working day is the calendar's opening hours, so "1
 * day" from Tuesday 10:00 is Wednesday 10:00). An override (the local profile's {@code due-override}) replaces all
 * of that by plain elapsed time, so that escalation can be watched.
 */
public final class DuePolicy {

    private final WorkingCalendar calendar;
    private final Map<Priority, Duration> targets;
    private final Duration override;

    /**
     * @param targets  the time to due per priority; every priority must be present
     * @param override plain time that replaces every target, or {@code null}
     */
    public DuePolicy(WorkingCalendar calendar, Map<Priority, Duration> targets, Duration override) {
        this.calendar = Objects.requireNonNull(calendar);
        this.targets = new EnumMap<>(targets);
        for (Priority priority : Priority.values()) {
            if (!this.targets.containsKey(priority)) {
                throw new IllegalArgumentException("no due time for priority " + priority);
            }
        }
        this.override = override;
    }

    /** The defaults of contract §6.1: urgent 4 working hours, high 1 working day, normal 2, low 5. */
    public static Map<Priority, Duration> defaultTargets() {
        return Map.of(Priority.URGENT, Duration.ofHours(4), Priority.HIGH, Duration.ofDays(1),
                Priority.NORMAL, Duration.ofDays(2), Priority.LOW, Duration.ofDays(5));
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    public Instant dueAt(Priority priority, Instant openedAt) {
        if (override != null) {
            return openedAt.plus(override);
        }
        Duration target = targets.get(priority);
        Duration workingTime = calendar.workingDayLength().multipliedBy(target.toDaysPart())
                .plus(target.minusDays(target.toDaysPart()));
        return calendar.plusWorkingTime(openedAt, workingTime);
    }
}
