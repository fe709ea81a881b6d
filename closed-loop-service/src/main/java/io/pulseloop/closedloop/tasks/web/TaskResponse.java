package io.pulseloop.closedloop.tasks.web;

import java.time.Instant;
import java.util.List;

import io.pulseloop.closedloop.tasks.domain.FollowUpTask;

/**
 * A task as the API shows it (contract §6.1), never the stored document.
 *
 * @param note      the resolution's note
 * @param overdue   open and past {@code dueAt}
 */
public record TaskResponse(String id, String contactId, String accountId, String accountName, String accountTier,
        String contactName, String reason, String status, String priority, String assigneeId, Instant dueAt,
        Integer score, String comment, String surveyId, String responseId, String metric, String ticketType,
        String technicianId, String explanation, Instant createdAt, Instant updatedAt, List<AttemptResponse> attempts,
        Instant nextAttemptAt, boolean escalated, String escalatedToId, Instant escalatedAt, String rootCause,
        String note, Boolean recovered, String resolvedBy, Instant resolvedAt, boolean overdue) {

    /** One attempt: when, by whom, whether the contact was reached, and the note. */
    public record AttemptResponse(Instant at, String by, boolean reached, String note) {
    }

    static TaskResponse of(FollowUpTask task, Instant now) {
        return new TaskResponse(task.getId(), task.getContactId(), task.getAccountId(), task.getAccountName(),
                task.getAccountTier() == null ? null : task.getAccountTier().name(), task.getContactName(),
                task.getReason().name(), task.getStatus().name(),
                task.getPriority() == null ? null : task.getPriority().name(), task.getAssigneeId(), task.getDueAt(),
                task.getScore(), task.getComment(), task.getSurveyId(), task.getResponseId(),
                task.getMetric() == null ? null : task.getMetric().name(), task.getTicketType(),
                task.getTechnicianId(), task.getExplanation(), task.getCreatedAt(), task.getUpdatedAt(),
                task.getAttempts().stream().map(a -> new AttemptResponse(a.at(), a.by(), a.reached(), a.note()))
                        .toList(),
                task.getNextAttemptAt(), task.isEscalated(), task.getEscalatedToId(), task.getEscalatedAt(),
                task.getRootCause(), task.getResolutionNote(), task.getRecovered(), task.getResolvedBy(),
                task.getResolvedAt(), task.isOverdue(now));
    }
}
