package io.pulseloop.closedloop.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pulseloop.closedloop.alerts.AlertKind;
import io.pulseloop.closedloop.alerts.AlertRequest;
import io.pulseloop.closedloop.alerts.Alerts;
import io.pulseloop.closedloop.tasks.domain.ContactFollowUps;
import io.pulseloop.closedloop.tasks.domain.FollowUpTask;
import io.pulseloop.closedloop.tasks.domain.TaskChange;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.OutgoingEvent;

/**
 * Empties a contact's outbox: publishes its changes on {@code followup.tasks.v1} (all sent at once, then every ack
 * awaited: the platform's {@code EventPublisher.publishAll}), queues their alerts, refreshes the {@code tasks} read
 * model, and only then clears the outbox, if nothing changed meanwhile. A crash anywhere leaves the outbox as it was,
 * and the sweep retries: events may go out twice (readers are idempotent by event id), never not at all; alerts are
 * queued once by event id.
 *
 * <p>Why not the platform's {@code OutboxRelay}: this outbox holds domain changes, not records. Their events are
 * rendered from the aggregate when they are published (an erasure in between redacts them), alerts and the read
 * model are projected in the same step, and the outbox is cleared by the aggregate's compare-and-set on
 * {@code version}, which is what keeps escalation exactly-once across replicas.
 */
@Component
class TaskOutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(TaskOutboxRelay.class);

    private final TaskStore store;
    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final Alerts alerts;
    private volatile Map<String, Long> lastSweep = Map.of();

    TaskOutboxRelay(TaskStore store, MongoTemplate mongo, EventPublisher publisher, Alerts alerts) {
        this.store = store;
        this.mongo = mongo;
        this.publisher = publisher;
        this.alerts = alerts;
    }

    /** Publishes what the contact's outbox holds; returns whether the outbox is now empty. */
    boolean flush(String contactId) {
        for (int i = 0; i < 5; i++) {
            Optional<ContactFollowUps> loaded = store.load(contactId);
            if (loaded.isEmpty() || !loaded.get().isDirty()) {
                return true;
            }
            ContactFollowUps followUps = loaded.get();
            List<OutgoingEvent> events = new ArrayList<>();
            List<AlertRequest> alerted = new ArrayList<>();
            for (TaskChange change : followUps.getOutbox()) {
                FollowUpTask task = followUps.task(change.taskId()).orElseThrow();
                FollowUpEvents.of(change, task, followUps.isErased()).ifPresent(event -> events.add(
                        OutgoingEvent.json(Topics.FOLLOWUP_TASKS, event.contactId(), event, FollowUpTaskEvent.class)));
                if (change.kind().alerts() && !followUps.isErased()) {
                    alerted.add(alertFor(change, task));
                }
            }
            // every event in flight at once, then the acks (within the platform's bounded ack timeout, else it throws
            // and the outbox stays for the sweep); alerts only for published changes
            publisher.publishAll(events);
            alerted.forEach(alerts::enqueue);
            for (FollowUpTask task : followUps.getTasks()) {
                mongo.save(task, TaskViews.COLLECTION);
            }
            if (store.markPublished(followUps)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Picks up outboxes a crash or a broker outage left behind: those found unchanged (same version) and still
     * unpublished by two sweeps in a row, so that the sweep does not race the flush that follows every change.
     */
    @Scheduled(fixedDelayString = "${pulseloop.followup.outbox-sweep-interval:PT2S}")
    void sweep() {
        Map<String, Long> dirty = store.dirtyContacts(500);
        Map<String, Long> seenBefore = lastSweep;
        lastSweep = dirty;
        dirty.forEach((contactId, version) -> {
            if (!version.equals(seenBefore.get(contactId))) {
                return;
            }
            try {
                flush(contactId);
            } catch (RuntimeException e) {
                LOG.warn("Outbox of contact {} not published yet: {}", contactId, e.toString());
            }
        });
    }

    private AlertRequest alertFor(TaskChange change, FollowUpTask task) {
        AlertKind kind = switch (change.kind()) {
            case ESCALATED -> AlertKind.ESCALATED;
            case REMINDER_DUE -> AlertKind.REMINDER;
            default -> AlertKind.OPENED;
        };
        String recipient = kind == AlertKind.ESCALATED ? task.getEscalatedToId() : task.getAssigneeId();
        return new AlertRequest(change.eventId(), kind, task.getId(), task.getContactId(), recipient,
                task.getAssigneeId(), task.getReason().name(), task.getPriority() == null ? null : task.getPriority().name(),
                task.getStatus().name(), task.getScore(), task.getMetric() == null ? null : task.getMetric().name(),
                task.getComment(), task.getContactName(), task.getAccountName(), task.getDueAt(),
                task.getNextAttemptAt(), task.getLocale(), List.of());
    }
}
