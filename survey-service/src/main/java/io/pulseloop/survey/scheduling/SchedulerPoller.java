package io.pulseloop.survey.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Ticks the scheduler with a fixed delay ({@code pulseloop.survey.scheduling.poll-interval}), unless
 * {@code pulseloop.survey.scheduling.enabled=false}: then only explicit ticks run (tests).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "pulseloop.survey.scheduling", name = "enabled", matchIfMissing = true)
class SchedulerPoller {

    private static final Logger log = LoggerFactory.getLogger(SchedulerPoller.class);

    private final DueWorkScheduler scheduler;

    SchedulerPoller(DueWorkScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Scheduled(fixedDelayString = "${pulseloop.survey.scheduling.poll-interval:PT1S}",
            initialDelayString = "${pulseloop.survey.scheduling.poll-interval:PT1S}")
    void poll() {
        try {
            int processed = scheduler.tick();
            if (processed > 0) {
                log.debug("Scheduler tick carried out {} invitation steps", processed);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Scheduler tick failed; the next one retries: {}", ex.toString());
        }
    }
}
