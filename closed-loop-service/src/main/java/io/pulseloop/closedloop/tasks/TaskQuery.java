package io.pulseloop.closedloop.tasks;

import java.util.Set;

import io.pulseloop.closedloop.tasks.domain.TaskStatus;
import io.pulseloop.events.followup.TaskReason;

/**
 * A filtered page of tasks, due first.
 *
 * @param assigneeId         one assignee, {@link #UNASSIGNED} for the unassigned queue, or {@code null} for any
 * @param visibleAssigneeIds the assignees whose tasks the caller may see, or {@code null} for all (admins)
 * @param statuses           the statuses wanted, or {@code null} for every status
 */
public record TaskQuery(Set<TaskStatus> statuses, String assigneeId, String contactId, TaskReason reason,
        Set<String> visibleAssigneeIds, int page, int size) {

    /** The {@code assigneeId} filter value that lists tasks nobody is assigned to. */
    public static final String UNASSIGNED = "unassigned";
}
