package io.pulseloop.closedloop.tasks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pulseloop.closedloop.alerts.AlertKind;
import io.pulseloop.closedloop.alerts.AlertProperties;
import io.pulseloop.closedloop.alerts.AlertRequest;
import io.pulseloop.closedloop.alerts.Alerts;
import io.pulseloop.closedloop.owners.OwnerDirectory;
import io.pulseloop.closedloop.tasks.domain.FollowUpTask;
import io.pulseloop.closedloop.tasks.domain.WorkingCalendar;

/**
 * Once per working day, after {@code pulseloop.alerts.digest-time}, each manager with open tasks in their team gets
 * one email listing them, overdue ones marked. Once per manager and day whatever the replicas: the alert's id is
 * {@code digest:<manager>:<date>}.
 */
@Component
class ManagerDigest {

    private final TaskViews views;
    private final OwnerDirectory owners;
    private final Alerts alerts;
    private final AlertProperties properties;
    private final WorkingCalendar calendar;
    private final Clock clock;

    ManagerDigest(TaskViews views, OwnerDirectory owners, Alerts alerts, AlertProperties properties,
            TaskService tasks, Clock clock) {
        this.views = views;
        this.owners = owners;
        this.alerts = alerts;
        this.properties = properties;
        this.calendar = tasks.policy().calendar();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${pulseloop.alerts.digest-check-interval:PT1M}")
    void sendDueDigests() {
        Instant now = clock.instant();
        LocalDate today = calendar.dayOf(now);
        if (!properties.digestEnabled() || !calendar.isWorkingDay(today)
                || now.atZone(calendar.zone()).toLocalTime().isBefore(properties.digestTime())) {
            return;
        }
        for (String manager : owners.managers()) {
            List<String> team = new ArrayList<>(owners.teamOf(manager));
            team.add(manager);
            List<FollowUpTask> open = views.openTasksOf(team);
            if (open.isEmpty()) {
                continue;
            }
            List<AlertRequest.DigestLine> lines = open.stream().map(t -> new AlertRequest.DigestLine(t.getId(),
                    t.getReason().name(), t.getStatus().name(), t.getScore(), t.getAccountName(), t.getAssigneeId(),
                    t.getDueAt(), t.isOverdue(now))).toList();
            alerts.enqueue(new AlertRequest("digest:" + manager + ":" + today, AlertKind.DIGEST, null, null, manager,
                    null, null, null, null, null, null, null, null, null, null, null, "en", lines));
        }
    }
}
