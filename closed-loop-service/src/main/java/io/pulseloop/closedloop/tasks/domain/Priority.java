package io.pulseloop.closedloop.tasks.domain;

/** How soon a task is due; see {@link DuePolicy}. */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW
}
