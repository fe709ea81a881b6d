package io.pulseloop.survey.invitations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.events.survey.InvitationReminded;
import io.pulseloop.events.survey.InvitationScheduled;
import io.pulseloop.events.survey.InvitationIssued;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.InvitationSuppressed;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.events.survey.SurveySnapshot;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.OutgoingEvent;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.survey.definitions.ExtraQuestionDefinition;
import io.pulseloop.survey.definitions.SurveyDefinition;

/**
 * Builds the {@code survey.invitations.v1} events of an invitation. Event ids are derived from the invitation and
 * the step, so writing the same step twice yields the same event, which consumers deduplicate.
 */
public final class InvitationEvents {

    private InvitationEvents() {
    }

    /** A stable event id for one step of one invitation. */
    public static String eventId(String invitationId, String step) {
        return UUID.nameUUIDFromBytes((invitationId + "|" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The event as an outbox entry: JSON with its {@code eventType}, keyed by contact id. */
    public static OutboxEntry entry(InvitationEvent event) {
        return OutboxEntry.of(event.eventId(), OutgoingEvent.json(Topics.SURVEY_INVITATIONS, event.contactId(), event,
                InvitationEvent.class), null);
    }

    public static InvitationScheduled scheduled(InvitationDocument invitation, String step, Instant dueAt,
            SuppressionReason delayedBy, Instant now) {
        return new InvitationScheduled(eventId(invitation.id(), step), now, invitation.contactId(),
                invitation.correlationId(), invitation.id(), invitation.surveyId(), invitation.surveyVersion(),
                invitation.metric(), dueAt, delayedBy, invitation.context());
    }

    public static InvitationSuppressed suppressed(InvitationDocument invitation, SuppressionReason reason,
            String detail, Instant now) {
        return new InvitationSuppressed(eventId(invitation.id(), "suppressed"), now, invitation.contactId(),
                invitation.correlationId(), invitation.id(), invitation.surveyId(), invitation.triggerEventId(),
                reason, detail);
    }

    /** The token of an invitation whose email is about to leave; one per token, so a retry's new token gets its own. */
    public static InvitationIssued issued(InvitationDocument invitation, String tokenHash, Instant expiresAt,
            String locale, SurveyDefinition survey, Instant now) {
        return new InvitationIssued(eventId(invitation.id(), "issued|" + tokenHash), now, invitation.contactId(),
                invitation.correlationId(), invitation.id(), invitation.surveyId(), tokenHash, expiresAt, locale,
                snapshot(survey), invitation.context());
    }

    public static InvitationSent sent(InvitationDocument invitation, String tokenHash, Instant expiresAt,
            String locale, SurveyDefinition survey, Instant now) {
        return new InvitationSent(eventId(invitation.id(), "sent"), now, invitation.contactId(),
                invitation.correlationId(), invitation.id(), invitation.surveyId(), tokenHash, expiresAt, locale,
                snapshot(survey), invitation.context());
    }

    public static InvitationReminded reminded(InvitationDocument invitation, Instant now) {
        return new InvitationReminded(eventId(invitation.id(), "reminded"), now, invitation.contactId(),
                invitation.correlationId(), invitation.id(), invitation.surveyId());
    }

    public static InvitationExpired expired(InvitationDocument invitation, Instant now) {
        return new InvitationExpired(eventId(invitation.id(), "expired"), now, invitation.contactId(),
                invitation.correlationId(), invitation.id(), invitation.surveyId(), invitation.answeredAt() != null);
    }

    /** The survey exactly as the invitation was sent with it, for response-service to render the page. */
    public static SurveySnapshot snapshot(SurveyDefinition survey) {
        List<SurveySnapshot.ExtraQuestion> questions = survey.extraQuestions().stream()
                .map(InvitationEvents::question).toList();
        return new SurveySnapshot(survey.id(), survey.version(), survey.metric(), survey.texts().title(),
                survey.texts().question(), survey.texts().lowLabel(), survey.texts().highLabel(),
                survey.texts().followUpQuestion(), questions);
    }

    private static SurveySnapshot.ExtraQuestion question(ExtraQuestionDefinition question) {
        return new SurveySnapshot.ExtraQuestion(question.id(), question.type(), question.text(), question.showFor(),
                question.options(), question.required());
    }
}
