package io.pulseloop.closedloop.tasks.domain;

import java.time.Instant;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;

/**
 * What the rules need from one score event, joined with what the CRM said about the contact.
 *
 * @param assigneeId       the contact's owner (from the answer's context, else the CRM contact), or {@code null}
 * @param marketingConsent the contact's explicit marketing consent
 */
public record ScoreFacts(String eventId, Instant occurredAt, String correlationId, String responseId, int revision,
        String surveyId, Metric metric, int score, String comment, String locale, String accountId,
        String accountName, AccountTier accountTier, String assigneeId, String ticketType, String technicianId,
        String contactName, boolean marketingConsent) {
}
