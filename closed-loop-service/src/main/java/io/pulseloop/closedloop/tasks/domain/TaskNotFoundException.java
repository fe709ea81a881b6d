package io.pulseloop.closedloop.tasks.domain;

/** No task with that id (or none the caller may see: the two are deliberately indistinguishable). */
public class TaskNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaskNotFoundException(String taskId) {
        super("No task " + taskId);
    }
}
