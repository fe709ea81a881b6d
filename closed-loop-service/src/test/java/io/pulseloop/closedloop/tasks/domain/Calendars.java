package io.pulseloop.closedloop.tasks.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The contract's calendar and policy for tests: 08:00–17:00 Europe/Prague with Czech public holidays. */
final class Calendars {

    static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    private Calendars() {
    }

    static WorkingCalendar czech() {
        return WorkingCalendar.of(PRAGUE, LocalTime.of(8, 0), LocalTime.of(17, 0), "CZ", Set.of());
    }

    static WorkingCalendar czechWith(LocalDate... closed) {
        return WorkingCalendar.of(PRAGUE, LocalTime.of(8, 0), LocalTime.of(17, 0), "CZ", Set.of(closed));
    }

    static FollowUpPolicy policy() {
        return policy(null);
    }

    static FollowUpPolicy policy(Duration override) {
        return new FollowUpPolicy(TaskRules.defaults(), new DuePolicy(czech(), DuePolicy.defaultTargets(), override), 3,
                List.of("PRODUCT_DEFECT", "BILLING", "SERVICE_QUALITY", "MISUNDERSTANDING", "OTHER"));
    }
}
