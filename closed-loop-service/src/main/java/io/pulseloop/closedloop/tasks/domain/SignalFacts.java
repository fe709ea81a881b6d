package io.pulseloop.closedloop.tasks.domain;

import java.time.Instant;

import io.pulseloop.events.crm.AccountTier;

/** A churn-risk signal for the contact's account, joined with what the CRM said about the contact. */
public record SignalFacts(String eventId, Instant occurredAt, String correlationId, String accountId,
        String accountName, AccountTier accountTier, String assigneeId, Integer score, String explanation,
        String contactName, String locale) {
}
