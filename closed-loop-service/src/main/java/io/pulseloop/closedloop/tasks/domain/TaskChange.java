package io.pulseloop.closedloop.tasks.domain;

import java.time.Instant;

/**
 * One state change of one task, waiting in the contact's outbox to be published (and, for some kinds, alerted).
 * It carries what is needed to describe the change as it was, so publishing later still tells the truth.
 *
 * @param eventId         unique and stable: {@code taskId#n}, the task's n-th change
 * @param actor           who made it: an owner id, {@code admin}, {@code system}
 * @param attempt         for {@link Kind#ATTEMPTED}, the attempt
 * @param openTasks       the contact's open tasks after the change
 * @param marketingPaused whether marketing is paused after the change (a detractor or low-CSAT task is open)
 */
public record TaskChange(Kind kind, String eventId, String taskId, Instant at, String actor, Attempt attempt,
        int openTasks, boolean marketingPaused) {

    /** What happened. */
    public enum Kind {
        OPENED, UPDATED, ATTEMPTED, UNREACHABLE, ESCALATED, RESOLVED, CANCELLED, REMINDER_DUE;

        /** Whether people are alerted about this change (email to the assignee or manager, webhook). */
        public boolean alerts() {
            return this == OPENED || this == ESCALATED || this == REMINDER_DUE;
        }

        /** Whether the change is a state change published on {@code followup.tasks.v1}. */
        public boolean published() {
            return this != REMINDER_DUE;
        }
    }
}
