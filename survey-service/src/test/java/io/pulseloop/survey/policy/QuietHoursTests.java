package io.pulseloop.survey.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursTests {

    private final QuietHours quietHours = new QuietHours(true, LocalTime.of(9, 0), LocalTime.of(18, 0), null,
            ZoneId.of("Europe/Prague"));

    @Test
    void allowsWorkingHoursInTheContactsOwnZone() {
        Instant tuesdayNoonUtc = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(quietHours.nextAllowed(tuesdayNoonUtc, "Europe/Warsaw")).isEqualTo(tuesdayNoonUtc);
        // 12:00 UTC is 04:00 in Los Angeles: wait for 09:00 there
        assertThat(quietHours.nextAllowed(tuesdayNoonUtc, "America/Los_Angeles"))
                .isEqualTo(Instant.parse("2026-11-24T17:00:00Z"));
    }

    @Test
    void movesEveningsAndWeekendsToTheNextWorkingMorning() {
        assertThat(quietHours.nextAllowed(Instant.parse("2026-11-24T17:30:00Z"), "Europe/Prague"))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(quietHours.nextAllowed(Instant.parse("2026-11-28T10:00:00Z"), "Europe/Prague"))
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void usesTheDefaultZoneForAMissingOrInvalidZone() {
        Instant early = Instant.parse("2026-11-24T06:00:00Z");
        assertThat(quietHours.nextAllowed(early, null)).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(quietHours.nextAllowed(early, "Mars/Olympus")).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    }

    @Test
    void allowsEverythingWhenOff() {
        Instant sundayNight = Instant.parse("2026-11-29T23:00:00Z");
        assertThat(QuietHours.off().nextAllowed(sundayNight, "Europe/Prague")).isEqualTo(sundayNight);
    }
}
