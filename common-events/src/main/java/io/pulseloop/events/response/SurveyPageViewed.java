package io.pulseloop.events.response;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The contact opened the survey page of an invitation ({@code GET /s/{token}}, with or without a one-click score):
 * the "opened" of response rates. Published at most once per invitation as far as response-service can tell; its
 * {@code eventId} is derived from the invitation id, so a repeat (two replicas, a retry) carries the same id and
 * consumers count it once by event id or by invitation id. Mail scanners' {@code HEAD} probes do not count.
 */
@JsonTypeName("SurveyPageViewed")
public record SurveyPageViewed(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String invitationId,
        String surveyId) implements ResponseEvent {
}
