package io.pulseloop.closedloop.tasks.domain;

import static io.pulseloop.closedloop.tasks.domain.WorkingCalendarTests.prague;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DuePolicyTests {

    private final DuePolicy due = new DuePolicy(Calendars.czech(), DuePolicy.defaultTargets(), null);

    @Test
    void givesEachPriorityItsWorkingTime() {
        Instant tuesday = prague(2026, 11, 24, 10, 0);

        assertThat(due.dueAt(Priority.URGENT, tuesday)).isEqualTo(prague(2026, 11, 24, 14, 0));
        assertThat(due.dueAt(Priority.HIGH, tuesday)).isEqualTo(prague(2026, 11, 25, 10, 0));
        assertThat(due.dueAt(Priority.NORMAL, tuesday)).isEqualTo(prague(2026, 11, 26, 10, 0));
        assertThat(due.dueAt(Priority.LOW, tuesday)).isEqualTo(prague(2026, 12, 1, 10, 0));
    }

    @Test
    void meetsTheContractOracles() {
        assertThat(due.dueAt(Priority.URGENT, prague(2026, 11, 27, 15, 30))).isEqualTo(prague(2026, 11, 30, 10, 30));
        assertThat(due.dueAt(Priority.URGENT, prague(2026, 12, 24, 10, 0))).isEqualTo(prague(2026, 12, 28, 12, 0));
    }

    @Test
    void replacesEveryDueTimeByThePlainTimeOverride() {
        DuePolicy local = new DuePolicy(Calendars.czech(), DuePolicy.defaultTargets(), Duration.ofMinutes(10));
        Instant saturdayNight = prague(2026, 11, 28, 23, 0);

        assertThat(local.dueAt(Priority.LOW, saturdayNight)).isEqualTo(saturdayNight.plus(Duration.ofMinutes(10)));
    }
}
