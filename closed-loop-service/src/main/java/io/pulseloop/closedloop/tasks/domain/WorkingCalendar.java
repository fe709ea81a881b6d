package io.pulseloop.closedloop.tasks.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Working time: Monday–Friday between opening and closing time in one time zone, without public holidays of one
 * country (Jollyday) and without extra closed days. Used for due times (counted in working hours) and for the
 * next attempt (the next working day's opening).
 */
public final class WorkingCalendar {

    private static final int MAX_DAYS_SEARCHED = 3660;

    private final ZoneId zone;
    private final LocalTime opening;
    private final LocalTime closing;
    private final Set<DayOfWeek> workingDays;
    private final Predicate<LocalDate> closedDays;

    public WorkingCalendar(ZoneId zone, LocalTime opening, LocalTime closing, Set<DayOfWeek> workingDays,
            Predicate<LocalDate> closedDays) {
        if (!opening.isBefore(closing)) {
            throw new IllegalArgumentException("opening " + opening + " must be before closing " + closing);
        }
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working day");
        }
        this.zone = Objects.requireNonNull(zone);
        this.opening = opening;
        this.closing = closing;
        this.workingDays = EnumSet.copyOf(workingDays);
        this.closedDays = Objects.requireNonNull(closedDays);
    }

    /**
     * A Monday–Friday calendar with the public holidays of a country as Jollyday knows them.
     *
     * @param country        ISO 3166 code Jollyday supports, e.g. {@code CZ}, {@code PL}
     * @param extraClosedDays further days off (company holidays)
     */
    public static WorkingCalendar of(ZoneId zone, LocalTime opening, LocalTime closing, String country,
            Set<LocalDate> extraClosedDays) {
        HolidayManager holidays = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase()));
        Set<LocalDate> extra = Set.copyOf(extraClosedDays);
        return new WorkingCalendar(zone, opening, closing,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                day -> extra.contains(day) || holidays.isHoliday(day));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The length of one working day, the unit of "working days" in due times. */
    public Duration workingDayLength() {
        return Duration.between(opening, closing);
    }

    /** Whether people work on that day at all. */
    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !closedDays.test(day);
    }

    /**
     * The instant when {@code workingTime} of working time has passed after {@code from}. Time outside working hours
     * does not count: a start outside them counts from the next opening.
     */
    public Instant plusWorkingTime(Instant from, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("negative working time " + workingTime);
        }
        ZonedDateTime at = from.atZone(zone);
        Duration remaining = workingTime;
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++) {
            at = intoWorkingTime(at);
            ZonedDateTime close = at.toLocalDate().atTime(closing).atZone(zone);
            Duration available = Duration.between(at, close);
            if (remaining.compareTo(available) <= 0) {
                return at.plus(remaining).toInstant();
            }
            remaining = remaining.minus(available);
            at = nextOpening(at.toLocalDate());
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS_SEARCHED + " days of " + from);
    }

    /** 08:00 (the opening) of the first working day after the day (in this calendar's zone) of {@code at}. */
    public Instant openingOfNextWorkingDayAfter(Instant at) {
        return nextOpening(at.atZone(zone).toLocalDate()).toInstant();
    }

    /** The working day of {@code at} in this calendar's zone. */
    public LocalDate dayOf(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    private ZonedDateTime intoWorkingTime(ZonedDateTime at) {
        LocalDate day = at.toLocalDate();
        if (!isWorkingDay(day) || !at.toLocalTime().isBefore(closing)) {
            return nextOpening(day);
        }
        if (at.toLocalTime().isBefore(opening)) {
            return day.atTime(opening).atZone(zone);
        }
        return at;
    }

    private ZonedDateTime nextOpening(LocalDate after) {
        LocalDate day = after.plusDays(1);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++) {
            if (isWorkingDay(day)) {
                return day.atTime(opening).atZone(zone);
            }
            day = day.plusDays(1);
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS_SEARCHED + " days after " + after);
    }
}
