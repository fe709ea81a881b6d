package io.pulseloop.closedloop.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What an alert says, captured when it is queued so that delivery needs nothing else.
 *
 * @param eventId          the stable id of the change alerted; one alert per event id and channel
 * @param recipientOwnerId who gets the email (the assignee, or the manager for escalations and digests); emails
 *                         go to the owner's address from {@code crm.owner.upserted}
 * @param comment          the customer's comment as typed (escaped when rendered)
 * @param digestLines      for {@link AlertKind#DIGEST}, one line per task
 */
public record AlertRequest(String eventId, AlertKind kind, String taskId, String contactId, String recipientOwnerId,
        String assigneeId, String reason, String priority, String status, Integer score, String metric,
        String comment, String contactName, String accountName, Instant dueAt, Instant nextAttemptAt, String locale,
        List<DigestLine> digestLines) {

    /** One task in a digest. */
    public record DigestLine(String taskId, String reason, String status, Integer score, String accountName,
            String assigneeId, Instant dueAt, boolean overdue) {
    }
}
