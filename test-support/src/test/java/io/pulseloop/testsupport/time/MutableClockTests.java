package io.pulseloop.testsupport.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class MutableClockTests {

    private static final Instant START = Instant.parse("2026-11-22T09:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = MutableClock.at(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advancesByADuration() {
        MutableClock clock = MutableClock.at(START);

        Instant ninetyDaysLater = clock.advance(Duration.ofDays(90));

        assertThat(ninetyDaysLater).isEqualTo(START.plus(Duration.ofDays(90)));
        assertThat(clock.instant()).isEqualTo(ninetyDaysLater);
    }

    @Test
    void refusesToAdvanceBackwardsButCanBeSetBack() {
        MutableClock clock = MutableClock.at(START);

        assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)));
        clock.setInstant(START.minusSeconds(60));

        assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
    }

    @Test
    void aViewInAnotherZoneMovesWithIt() {
        MutableClock clock = MutableClock.at(START);
        Clock zurich = clock.withZone(ZoneId.of("Europe/Zurich"));

        clock.advance(Duration.ofHours(1));

        assertThat(zurich.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(zurich.getZone()).isEqualTo(ZoneId.of("Europe/Zurich"));
    }

    @Test
    void losesNoAdvanceUnderConcurrency() {
        MutableClock clock = MutableClock.at(START);

        IntStream.range(0, 1000).parallel().forEach(i -> clock.advance(Duration.ofSeconds(1)));

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(1000));
    }
}
