package io.pulseloop.closedloop.tasks;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gauges of follow-up tasks open ({@code pulseloop_closed_loop_tasks_open}) and open past their due time
 * ({@code pulseloop_closed_loop_tasks_overdue}) that the business dashboard and the {@code PulseloopOverdueTasks}
 * alert query. Every replica reports the same whole-store counts, so dashboards should take {@code max} (a
 * {@code sum} over replicas multiplies them; the alert's {@code > 0} is unaffected).
 *
 * <p>The counts are refreshed every {@code pulseloop.followup.gauge-interval} (30 s) into {@link AtomicLong}s
 * rather than queried per scrape. They are two counts on the {@code tasks} read model, using the
 * {@code status, dueAt} index on real MongoDB; the embedded wire server scans the collection for them, which is
 * acceptable off the hot path at that interval.
 */
@Component
class TaskGauges {

    private static final Logger LOG = LoggerFactory.getLogger(TaskGauges.class);

    private final TaskViews views;
    private final Clock clock;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    TaskGauges(TaskViews views, Clock clock, MeterRegistry meters) {
        this.views = views;
        this.clock = clock;
        Gauge.builder("pulseloop.closed-loop.tasks.open", open, AtomicLong::get)
                .description("Follow-up tasks OPEN or IN_PROGRESS").register(meters);
        Gauge.builder("pulseloop.closed-loop.tasks.overdue", overdue, AtomicLong::get)
                .description("Open follow-up tasks past their due time").register(meters);
    }

    @Scheduled(fixedDelayString = "${pulseloop.followup.gauge-interval:PT30S}")
    void refresh() {
        try {
            // a task resolved between the two counts must not show more overdue than open tasks
            long overdueNow = views.countOverdue(clock.instant());
            long openNow = views.countOpen();
            overdue.set(overdueNow);
            open.set(Math.max(openNow, overdueNow));
        } catch (RuntimeException e) {
            // keep the last values; the next refresh tries again
            LOG.warn("Could not count the open and overdue tasks: {}", e.toString());
        }
    }
}
