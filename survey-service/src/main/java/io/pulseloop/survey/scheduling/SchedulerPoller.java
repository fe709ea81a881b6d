package io.pulseloop.survey.scheduling;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import io.pulseloop.survey.invitations.DueSignal;

/**
 * Ticks the scheduler with a fixed delay ({@code pulseloop.survey.scheduling.poll-interval}), unless
 * {@code pulseloop.survey.scheduling.enabled=false}: then only explicit ticks run (tests).
 *
 * <p>While there is nothing to do the ticks thin out: after a tick that carried out nothing, the next one waits twice
 * as long, up to {@code max-idle-interval}. A tick claims due steps and relays left-behind outboxes by filters that
 * the embedded MongoDB server answers by scanning every invitation, so idle ticks once a second cost a core-share
 * that grew with the invitations stored (issue 10's profile: 92 % of the database's CPU in query matching while
 * nothing was due). A step this replica schedules to be due sooner ({@link DueSignal}) ends the pause at once; one
 * scheduled by another replica waits at most {@code max-idle-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "pulseloop.survey.scheduling", name = "enabled", matchIfMissing = true)
class SchedulerPoller {

    private static final Logger log = LoggerFactory.getLogger(SchedulerPoller.class);

    private final DueWorkScheduler scheduler;
    private final DueSignal dueSignal;
    private final Clock clock;
    private final IdlePause pause;

    SchedulerPoller(DueWorkScheduler scheduler, DueSignal dueSignal, Clock clock, SchedulingProperties properties) {
        this.scheduler = scheduler;
        this.dueSignal = dueSignal;
        this.clock = clock;
        this.pause = new IdlePause(properties.pollInterval(), properties.maxIdleInterval());
    }

    @Scheduled(fixedDelayString = "${pulseloop.survey.scheduling.poll-interval:PT1S}",
            initialDelayString = "${pulseloop.survey.scheduling.poll-interval:PT1S}")
    void poll() {
        long now = System.nanoTime();
        // a step scheduled here ends the pause once it is due (not before: a tick that finds nothing doubles the pause)
        if (pause.skips(now) && !dueSignal.takeDueBy(clock.instant())) {
            return;
        }
        try {
            int processed = scheduler.tick();
            pause.after(processed > 0, System.nanoTime());
            if (processed > 0) {
                log.debug("Scheduler tick carried out {} invitation steps", processed);
            }
        }
        catch (RuntimeException ex) {
            pause.after(true, System.nanoTime());
            log.warn("Scheduler tick failed; the next one retries: {}", ex.toString());
        }
    }

    /** The pause between idle ticks: doubled after each tick that did nothing, back to none after one that worked. */
    static final class IdlePause {

        private final long minimum;
        private final long maximum;
        private long current;
        private long nextTickAt;

        IdlePause(Duration pollInterval, Duration maxIdleInterval) {
            this.minimum = pollInterval.toNanos();
            this.maximum = Math.max(minimum, maxIdleInterval.toNanos());
        }

        /** True when a tick at {@code now} falls in the pause. */
        boolean skips(long now) {
            return current > 0 && now - nextTickAt < 0;
        }

        void after(boolean worked, long now) {
            current = worked ? 0 : current == 0 ? minimum : Math.min(maximum, current * 2);
            nextTickAt = now + current;
        }
    }
}
