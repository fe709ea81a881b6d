package io.pulseloop.survey.invitations;

import java.time.Instant;
import java.util.List;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.survey.policy.Decision;

/**
 * One decision about one contact, one survey and one trigger, in collection {@code invitations}: a planned, sent,
 * reminded, expired or suppressed invitation. Everything about it changes in single-document updates, which carry
 * the decisions taken and the events to publish ({@code outbox}) with the state change, so neither can be lost.
 *
 * <p>Identity: {@code id} is derived from the survey and the trigger's subject (the ticket, the deal, the wave), so
 * the same trigger can never create a second invitation; a repeated trigger is recorded as its own
 * {@code DUPLICATE_TRIGGER} decision.
 *
 * @param surveyVersion the survey version the invitation was created with; later edits never change it
 * @param nextActionAt  when {@code nextAction} is due; the scheduler claims due steps with a lease
 * @param leaseOwner    the claim holding the current step, if any
 * @param leaseUntil    while a replica holds the current step (a hint: the lease in {@code claims} decides)
 * @param tokenHash     lowercase hex SHA-256 of the token; the token itself is only in the email
 * @param sealedToken   the token encrypted for the one reminder; removed once it is no longer needed
 * @param outboxLease   the platform lease field ({@code MongoLease}) on the outbox: the writer holds it for a
 *                      handover period after writing events, then the relay may claim it
 */
public record InvitationDocument(
        String id,
        String contactId,
        String surveyId,
        int surveyVersion,
        Metric metric,
        String subjectKey,
        String triggerEventId,
        String triggerType,
        String correlationId,
        InvitationStatus status,
        Instant createdAt,
        Instant dueAt,
        NextAction nextAction,
        Instant nextActionAt,
        String leaseOwner,
        Instant leaseUntil,
        int attempts,
        Instant firstAttemptAt,
        String lastError,
        SurveyContext context,
        String locale,
        String tokenHash,
        String sealedToken,
        Instant sentAt,
        Instant expiresAt,
        Instant remindedAt,
        Instant answeredAt,
        List<Decision> decisions,
        List<OutboxEntry> outbox,
        OutboxLease outboxLease) {

    public InvitationDocument {
        decisions = (decisions == null) ? List.of() : decisions;
        outbox = (outbox == null) ? List.of() : outbox;
    }

    /** The same invitation with its events already published: an empty outbox. */
    InvitationDocument withoutOutbox() {
        return new InvitationDocument(id, contactId, surveyId, surveyVersion, metric, subjectKey, triggerEventId,
                triggerType, correlationId, status, createdAt, dueAt, nextAction, nextActionAt, leaseOwner, leaseUntil,
                attempts, firstAttemptAt, lastError, context, locale, tokenHash, sealedToken, sentAt, expiresAt,
                remindedAt, answeredAt, decisions, List.of(), null);
    }

    /** The same invitation as claimed: its step's lease hint set to the claim. */
    InvitationDocument leasedTo(String owner, Instant until) {
        return new InvitationDocument(id, contactId, surveyId, surveyVersion, metric, subjectKey, triggerEventId,
                triggerType, correlationId, status, createdAt, dueAt, nextAction, nextActionAt, owner, until,
                attempts, firstAttemptAt, lastError, context, locale, tokenHash, sealedToken, sentAt, expiresAt,
                remindedAt, answeredAt, decisions, outbox, outboxLease);
    }

    /** The lease on the outbox, as {@code MongoLease} stores a lease field. */
    public record OutboxLease(String owner, Instant until, long token) {
    }
}
