package io.pulseloop.events.survey;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.pulseloop.events.PulseloopEvent;

/**
 * The events of topic {@code survey.invitations.v1}, keyed by contact id: one invitation's life from the
 * decision to invite (or not) to its expiry. Sent, delivered, started and completed are kept apart so every
 * published response-rate definition can be computed. A token is issued before its email is sent, so a link
 * is never clicked before response-service knows it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InvitationScheduled.class, name = "InvitationScheduled"),
    @JsonSubTypes.Type(value = InvitationSuppressed.class, name = "InvitationSuppressed"),
    @JsonSubTypes.Type(value = InvitationIssued.class, name = "InvitationIssued"),
    @JsonSubTypes.Type(value = InvitationSent.class, name = "InvitationSent"),
    @JsonSubTypes.Type(value = InvitationReminded.class, name = "InvitationReminded"),
    @JsonSubTypes.Type(value = InvitationExpired.class, name = "InvitationExpired")
})
public sealed interface InvitationEvent extends PulseloopEvent
        permits InvitationScheduled, InvitationSuppressed, InvitationIssued, InvitationSent, InvitationReminded,
        InvitationExpired {

    String invitationId();

    String surveyId();
}
