package io.pulseloop.closedloop.tasks.domain;

/** Where a task is in its life (contract §6.1). Only {@link #OPEN} and {@link #IN_PROGRESS} are open. */
public enum TaskStatus {
    OPEN, IN_PROGRESS, RESOLVED, UNREACHABLE, CANCELLED;

    /** Whether the task still waits for work: it counts as open, escalates and reminds. */
    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
