package io.pulseloop.closedloop.tasks.domain;

/** The task's status does not allow the change, e.g. resolving a task that is already resolved. */
public class TaskConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaskConflictException(String message) {
        super(message);
    }
}
