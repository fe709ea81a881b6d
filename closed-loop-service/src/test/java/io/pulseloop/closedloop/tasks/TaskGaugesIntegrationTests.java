package io.pulseloop.closedloop.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.time.MutableClock;

/**
 * The tasks-open and tasks-overdue gauges, driven by the injected clock. The context is shared with other tests
 * that leave tasks open, so the test follows its own two tasks through the changes they make to the counts.
 */
@ClosedLoopIntegrationTest
class TaskGaugesIntegrationTests {

    private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TaskGauges gauges;

    @Autowired
    MeterRegistry meters;

    Scenario api;

    @BeforeEach
    void api() {
        api = new Scenario(port);
    }

    @Test
    void countsOpenTasksAndThoseOpenPastTheirDueTime() {
        String first = Scenario.unique("c");
        String second = Scenario.unique("c");
        String firstTask = openTask(first);
        String secondTask = openTask(second);
        Instant firstDue = dueAt(firstTask);
        Instant secondDue = dueAt(secondTask);
        Instant lastDue = firstDue.isAfter(secondDue) ? firstDue : secondDue;
        Instant earliestDue = firstDue.isAfter(secondDue) ? secondDue : firstDue;

        // before the due time: resolving the first task makes one fewer open task, the overdue count is unchanged
        clock.setInstant(earliestDue.minusSeconds(1));
        gauges.refresh();
        long open = gauge("pulseloop.closed-loop.tasks.open");
        long overdue = gauge("pulseloop.closed-loop.tasks.overdue");
        resolve(firstTask, first);
        gauges.refresh();
        assertThat(gauge("pulseloop.closed-loop.tasks.open")).isEqualTo(open - 1);
        assertThat(gauge("pulseloop.closed-loop.tasks.overdue")).isEqualTo(overdue);

        // past the due time the second task counts as overdue: resolving it lowers both counts
        clock.setInstant(lastDue.plusSeconds(1));
        gauges.refresh();
        long openPastDue = gauge("pulseloop.closed-loop.tasks.open");
        long overduePastDue = gauge("pulseloop.closed-loop.tasks.overdue");
        assertThat(openPastDue).isEqualTo(open - 1);
        assertThat(overduePastDue).isGreaterThanOrEqualTo(overdue + 1).isLessThanOrEqualTo(openPastDue);
        resolve(secondTask, second);
        gauges.refresh();
        assertThat(gauge("pulseloop.closed-loop.tasks.open")).isEqualTo(openPastDue - 1);
        assertThat(gauge("pulseloop.closed-loop.tasks.overdue")).isEqualTo(overduePastDue - 1);

        // the names the Grafana dashboard and the PulseloopOverdueTasks alert query
        String prometheus = api.get("/actuator/prometheus", null).body();
        assertThat(prometheus).contains("# TYPE pulseloop_closed_loop_tasks_open gauge",
                "# TYPE pulseloop_closed_loop_tasks_overdue gauge");
        assertThat(prometheus).containsPattern("(?m)^pulseloop_closed_loop_tasks_overdue(\\{[^}]*})? "
                + (overduePastDue - 1) + "(\\.0)?$");
    }

    private long gauge(String name) {
        return (long) meters.get(name).gauge().value();
    }

    private Instant dueAt(String taskId) {
        return Instant.parse(api.getJson("/api/v1/tasks/" + taskId, ADMIN).get("dueAt").asString());
    }

    /** Resolves a task and waits until the read model the gauges count shows it closed. */
    private void resolve(String taskId, String contactId) {
        assertThat(api.post("/api/v1/tasks/" + taskId + "/resolve", ADMIN, "{\"rootCause\":\"OTHER\"}")
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.getJson("/api/v1/tasks?status=OPEN,IN_PROGRESS"
                + "&contactId=" + contactId, ADMIN).get("content").isEmpty());
    }

    private String openTask(String contactId) {
        String ownerId = Scenario.unique("a");
        Scenario.publish(Scenario.score(contactId, ownerId, Scenario.unique("r"), 1, Metric.NPS, 2, "awful",
                AccountTier.STANDARD));
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode content = api.getJson("/api/v1/tasks?status=OPEN&contactId=" + contactId, ADMIN)
                    .get("content");
            return content.isEmpty() ? null : content.get(0).get("id").asString();
        }, id -> id != null);
    }
}
