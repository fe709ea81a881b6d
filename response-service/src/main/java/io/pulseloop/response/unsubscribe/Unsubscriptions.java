package io.pulseloop.response.unsubscribe;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.response.SurveyUnsubscribed;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.response.intake.InvitationGoneException;
import io.pulseloop.response.intake.InvitationNotFoundException;
import io.pulseloop.response.intake.UnknownLinks;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.response.publishing.EventIds;
import io.pulseloop.response.publishing.OutgoingRecord;
import io.pulseloop.response.ratelimit.RateLimits;

/**
 * Unsubscribes a contact from surveys through an invitation's token, by publishing {@code SurveyUnsubscribed},
 * which survey-service honours.
 *
 * <p>Publish-first: the event is the whole effect and it is a single record, so it is published (and
 * acknowledged) before the local "already unsubscribed" mark is written. A crash in between leaves the contact
 * unsubscribed and at worst publishes the event once more on the next click, which survey-service treats as the
 * same opt-out. The link keeps working after the survey itself expired: an old email must still let people out.
 */
@Service
public class Unsubscriptions {

    private final InvitationDirectory invitations;
    private final EventPublisher publisher;
    private final RateLimits rateLimits;
    private final Clock clock;
    private final MeterRegistry meters;
    private final UnknownLinks unknownLinks;

    Unsubscriptions(InvitationDirectory invitations, UnknownLinks unknownLinks, EventPublisher publisher,
            RateLimits rateLimits, Clock clock, MeterRegistry meters) {
        this.invitations = invitations;
        this.unknownLinks = unknownLinks;
        this.publisher = publisher;
        this.rateLimits = rateLimits;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The invitation behind an unsubscribe link.
     *
     * @throws InvitationNotFoundException no invitation has this token
     * @throws io.pulseloop.response.intake.LinkNotConfirmedException none yet, but the invitation consumer is behind
     * @throws InvitationGoneException     the contact was erased (nothing left to unsubscribe)
     */
    public Invitation invitation(String rawToken) {
        Invitation invitation = invitations.findByToken(rawToken).orElseGet(() -> unknownLinks.resolve(rawToken));
        if (invitation.erasedAt() != null) {
            throw new InvitationGoneException(invitation);
        }
        return invitation;
    }

    /**
     * Unsubscribes the invitation's contact from surveys; a repeat is a no-op.
     *
     * @param oneClick whether it came as an RFC 8058 one-click POST
     * @return the invitation
     * @throws io.pulseloop.platform.events.PublishFailedException Kafka did not acknowledge (nothing stored)
     */
    public Invitation unsubscribe(String rawToken, boolean oneClick) {
        Invitation invitation = invitation(rawToken);
        rateLimits.checkToken(invitation.tokenHash());
        if (invitation.unsubscribedAt() != null) {
            return invitation;
        }
        Instant now = clock.instant();
        SurveyUnsubscribed event = new SurveyUnsubscribed(EventIds.newId(), now,
                invitation.contactId(), invitation.sent().correlationId(), invitation.invitationId(),
                invitation.sent().surveyId(), oneClick);
        publisher.publishAll(List.of(new OutgoingRecord(event.eventId(), Topics.RESPONSE_RESPONSES,
                event.contactId(), "SurveyUnsubscribed",
                EventJson.mapper().writerFor(ResponseEvent.class).writeValueAsString(event)).toEvent()));
        invitations.markUnsubscribed(invitation.tokenHash(), now);
        meters.counter("pulseloop.response.unsubscribed", "oneClick", Boolean.toString(oneClick)).increment();
        return invitation;
    }
}
