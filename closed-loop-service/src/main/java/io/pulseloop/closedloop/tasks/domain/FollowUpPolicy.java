package io.pulseloop.closedloop.tasks.domain;

import java.util.List;
import java.util.Objects;

/**
 * The configurable rules applied to a contact's tasks.
 *
 * @param maxAttempts unreached attempts after which a task is {@code UNREACHABLE} (contract default 3)
 * @param rootCauses  the root causes a resolution may name, in display order
 */
public record FollowUpPolicy(TaskRules rules, DuePolicy due, int maxAttempts, List<String> rootCauses) {

    public FollowUpPolicy {
        Objects.requireNonNull(rules);
        Objects.requireNonNull(due);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1");
        }
        rootCauses = List.copyOf(rootCauses);
        if (rootCauses.isEmpty()) {
            throw new IllegalArgumentException("at least one root cause must be configured");
        }
    }

    public WorkingCalendar calendar() {
        return due.calendar();
    }
}
