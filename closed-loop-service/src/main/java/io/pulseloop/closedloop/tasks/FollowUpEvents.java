package io.pulseloop.closedloop.tasks;

import java.util.Optional;

import io.pulseloop.closedloop.tasks.domain.FollowUpTask;
import io.pulseloop.closedloop.tasks.domain.TaskChange;
import io.pulseloop.closedloop.tasks.domain.TaskStatus;
import io.pulseloop.events.followup.ContactAttemptMade;
import io.pulseloop.events.followup.FollowUpState;
import io.pulseloop.events.followup.FollowUpTaskCancelled;
import io.pulseloop.events.followup.FollowUpTaskEscalated;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.followup.FollowUpTaskOpened;
import io.pulseloop.events.followup.FollowUpTaskResolved;
import io.pulseloop.events.followup.FollowUpTaskUnreachable;
import io.pulseloop.events.followup.FollowUpTaskUpdated;

/** Describes a task change as the event published on {@code followup.tasks.v1}. */
final class FollowUpEvents {

    private FollowUpEvents() {
    }

    /** The event for a change, or empty for changes that are not published (reminders). */
    static Optional<FollowUpTaskEvent> of(TaskChange change, FollowUpTask task, boolean erased) {
        FollowUpState state = new FollowUpState(change.openTasks(), change.marketingPaused());
        String contactId = task.getContactId();
        String corr = task.getCorrelationId() == null ? task.getId() : task.getCorrelationId();
        return Optional.ofNullable(switch (change.kind()) {
            case OPENED -> new FollowUpTaskOpened(change.eventId(), change.at(), contactId, corr, task.getId(),
                    task.getReason(), task.getAssigneeId(), task.getDueAt(), task.getSurveyId(), task.getResponseId(),
                    task.getMetric(), task.getScore(), state);
            case UPDATED -> new FollowUpTaskUpdated(change.eventId(), change.at(), contactId, corr, task.getId(),
                    task.getReason(), task.getSurveyId(), task.getResponseId(), task.getMetric(), task.getScore(),
                    state);
            case ATTEMPTED -> new ContactAttemptMade(change.eventId(), change.at(), contactId, corr, task.getId(),
                    task.getReason(), change.actor(), change.attempt().reached(),
                    // staff notes about the contact stay in this service (the task API shows them): no consumer of
                    // the topic needs them, so they are not published (docs/privacy.md)
                    null,
                    task.getStatus() == TaskStatus.UNREACHABLE ? null : task.getNextAttemptAt(), state);
            case UNREACHABLE -> new FollowUpTaskUnreachable(change.eventId(), change.at(), contactId, corr,
                    task.getId(), task.getReason(), task.getAttempts().size(), state);
            case ESCALATED -> new FollowUpTaskEscalated(change.eventId(), change.at(), contactId, corr, task.getId(),
                    task.getReason(), task.getAssigneeId(), task.getEscalatedToId(), task.getDueAt(), state);
            case RESOLVED -> new FollowUpTaskResolved(change.eventId(), change.at(), contactId, corr, task.getId(),
                    task.getReason(), task.getResolvedBy(), task.getRootCause(), null, state,
                    task.getRecovered());
            case CANCELLED -> new FollowUpTaskCancelled(change.eventId(), change.at(), contactId, corr, task.getId(),
                    task.getReason(), erased ? "CONTACT_ERASED" : "REVISED_OUT_OF_BAND", state);
            case REMINDER_DUE -> null;
        });
    }
}
