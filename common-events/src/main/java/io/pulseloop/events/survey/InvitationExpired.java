package io.pulseloop.events.survey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The invitation's token lifetime passed; its page answers {@code 410} from now on. */
@JsonTypeName("InvitationExpired")
public record InvitationExpired(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String invitationId,
        String surveyId,
        boolean answered) implements InvitationEvent {
}
