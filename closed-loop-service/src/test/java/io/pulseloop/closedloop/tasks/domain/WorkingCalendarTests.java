package io.pulseloop.closedloop.tasks.domain;

import static io.pulseloop.closedloop.tasks.domain.Calendars.PRAGUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkingCalendarTests {

    private final WorkingCalendar calendar = Calendars.czech();

    @Test
    void carriesUrgentWorkingHoursOverTheWeekend() {
        Instant opened = prague(2026, 11, 27, 15, 30); // Friday

        assertThat(calendar.plusWorkingTime(opened, Duration.ofHours(4))).isEqualTo(prague(2026, 11, 30, 10, 30));
    }

    @Test
    void skipsChristmasHolidaysAndTheWeekend() {
        Instant opened = prague(2026, 12, 24, 10, 0); // Thursday, 24–26 December are Czech public holidays

        assertThat(calendar.plusWorkingTime(opened, Duration.ofHours(4))).isEqualTo(prague(2026, 12, 28, 12, 0));
    }

    @Test
    void countsFromTheNextOpeningWhenStartedOutsideWorkingHours() {
        assertThat(calendar.plusWorkingTime(prague(2026, 11, 24, 6, 0), Duration.ofHours(2)))
                .isEqualTo(prague(2026, 11, 24, 10, 0));
        assertThat(calendar.plusWorkingTime(prague(2026, 11, 24, 18, 0), Duration.ofHours(2)))
                .isEqualTo(prague(2026, 11, 25, 10, 0));
    }

    @Test
    void knowsCzechAndPolishPublicHolidays() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 28))).isFalse(); // Czech statehood day
        WorkingCalendar polish = WorkingCalendar.of(ZoneId.of("Europe/Warsaw"), LocalTime.of(8, 0), LocalTime.of(17, 0),
                "PL", Set.of());
        assertThat(polish.isWorkingDay(LocalDate.of(2026, 11, 11))).isFalse(); // Polish independence day
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 11))).isTrue();
    }

    @Test
    void honoursExtraClosedDays() {
        WorkingCalendar withCompanyHoliday = Calendars.czechWith(LocalDate.of(2026, 11, 30));

        assertThat(withCompanyHoliday.plusWorkingTime(prague(2026, 11, 27, 15, 30), Duration.ofHours(4)))
                .isEqualTo(prague(2026, 12, 1, 10, 30));
    }

    @Test
    void schedulesTheNextAttemptAtTheOpeningOfTheNextWorkingDay() {
        assertThat(calendar.openingOfNextWorkingDayAfter(prague(2026, 11, 24, 9, 0)))
                .isEqualTo(prague(2026, 11, 25, 8, 0));
        assertThat(calendar.openingOfNextWorkingDayAfter(prague(2026, 11, 27, 16, 0)))
                .isEqualTo(prague(2026, 11, 30, 8, 0));
        assertThat(calendar.openingOfNextWorkingDayAfter(prague(2026, 12, 23, 7, 0)))
                .isEqualTo(prague(2026, 12, 28, 8, 0));
    }

    static Instant prague(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(PRAGUE).toInstant();
    }
}
