package io.pulseloop.closedloop.tasks.web;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.pulseloop.closedloop.tasks.TaskQuery;
import io.pulseloop.closedloop.tasks.domain.TaskStatus;
import io.pulseloop.events.followup.TaskReason;

/** Reads list parameters, naming the parameter that is wrong; shared by the API and the inbox. */
public final class TaskQueries {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    private TaskQueries() {
    }

    /** Statuses from a comma-separated list, or {@code null} (every status) when blank. */
    public static Set<TaskStatus> statuses(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String part : value.split(",")) {
            try {
                statuses.add(TaskStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("status", "status must be one of "
                        + java.util.Arrays.toString(TaskStatus.values()) + ", was '" + part + "'");
            }
        }
        return statuses;
    }

    public static TaskReason reason(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TaskReason.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("reason", "reason must be one of "
                    + java.util.Arrays.toString(TaskReason.values()) + ", was '" + value + "'");
        }
    }

    static int page(String value) {
        int page = integer("page", value, 0);
        if (page < 0) {
            throw new InvalidParameterException("page", "page must be 0 or more");
        }
        return page;
    }

    /** The page size: default 50, at most 500 (larger sizes are cut to 500, as Spring Data does). */
    static int size(String value) {
        int size = integer("size", value, DEFAULT_SIZE);
        if (size < 1) {
            throw new InvalidParameterException("size", "size must be at least 1");
        }
        return Math.min(size, MAX_SIZE);
    }

    static TaskQuery query(String status, String assigneeId, String contactId, String reason, Set<String> visible,
            String page, String size) {
        return new TaskQuery(statuses(status), blankToNull(assigneeId), blankToNull(contactId), reason(reason),
                visible, page(page), size(size));
    }

    private static int integer(String field, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(field, field + " must be a whole number, was '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
