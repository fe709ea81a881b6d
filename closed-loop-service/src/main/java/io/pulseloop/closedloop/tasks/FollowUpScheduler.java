package io.pulseloop.closedloop.tasks;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks for overdue tasks and due next attempts every {@code pulseloop.followup.scan-interval}. */
@Component
class FollowUpScheduler {

    private final TaskService tasks;

    FollowUpScheduler(TaskService tasks) {
        this.tasks = tasks;
    }

    @Scheduled(fixedDelayString = "${pulseloop.followup.scan-interval:PT5S}")
    void escalateAndRemind() {
        tasks.processDue();
    }
}
