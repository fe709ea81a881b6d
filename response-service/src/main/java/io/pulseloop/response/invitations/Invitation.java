package io.pulseloop.response.invitations;

import java.time.Instant;

import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.survey.SurveySnapshot;

/**
 * What a survey page or an answer needs of an invitation.
 *
 * @param sent           the invitation as survey-service published it
 * @param expiredAt      when survey-service said it expired, {@code null} if it did not
 * @param erasedAt       when the contact was erased, {@code null} if not
 * @param unsubscribedAt when the contact unsubscribed through this invitation, {@code null} if not
 * @param openedAt       when its page view was published ({@code SurveyPageViewed}), {@code null} if not yet
 */
public record Invitation(String tokenHash, InvitationSent sent, Instant expiredAt, Instant erasedAt,
        Instant unsubscribedAt, Instant openedAt) {

    public String invitationId() {
        return sent.invitationId();
    }

    public String contactId() {
        return sent.contactId();
    }

    public SurveySnapshot survey() {
        return sent.survey();
    }

    public SurveyContext context() {
        return sent.context();
    }

    public String locale() {
        return sent.locale();
    }

    /**
     * Whether the invitation can no longer be answered at {@code now}: its expiry passed, survey-service expired
     * it, or the contact was erased.
     */
    public boolean isGoneAt(Instant now) {
        return expiredAt != null || erasedAt != null
                || (sent.expiresAt() != null && !now.isBefore(sent.expiresAt()));
    }
}
