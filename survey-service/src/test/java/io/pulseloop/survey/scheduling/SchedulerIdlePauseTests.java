package io.pulseloop.survey.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.pulseloop.survey.invitations.DueSignal;
import io.pulseloop.survey.invitations.DueSignals;

class SchedulerIdlePauseTests {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void idleTicksThinOutByDoublingUpToTheMaximumAndResumeAfterWork() {
        SchedulerPoller.IdlePause pause = new SchedulerPoller.IdlePause(Duration.ofSeconds(1), Duration.ofSeconds(10));
        long now = 0;
        assertThat(pause.skips(now)).as("the first tick runs").isFalse();

        pause.after(false, now);
        assertThat(pause.skips(now + SECOND / 2)).isTrue();
        assertThat(pause.skips(now + SECOND)).isFalse();
        now += SECOND;
        pause.after(false, now);
        assertThat(pause.skips(now + SECOND)).as("then 2 s").isTrue();
        assertThat(pause.skips(now + 2 * SECOND)).isFalse();
        for (int i = 0; i < 10; i++) {
            now += 20 * SECOND;
            pause.after(false, now);
        }
        assertThat(pause.skips(now + 9 * SECOND)).isTrue();
        assertThat(pause.skips(now + 10 * SECOND)).as("never longer than the maximum").isFalse();

        pause.after(true, now);
        assertThat(pause.skips(now)).as("after a tick that worked, the next one is not held back").isFalse();
    }

    @Test
    void aStepScheduledHereEndsThePauseWhenItIsDueAndOnlyOnce() {
        DueSignal signal = new DueSignal();
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(signal.takeDueBy(now)).isFalse();

        DueSignals.scheduled(signal, now.plus(Duration.ofHours(24)));
        assertThat(signal.takeDueBy(now)).as("due tomorrow: the pause goes on").isFalse();
        DueSignals.scheduled(signal, now);
        assertThat(signal.takeDueBy(now.plusSeconds(1))).isTrue();
        assertThat(signal.takeDueBy(now.plusSeconds(1))).as("taken once").isFalse();
    }
}
