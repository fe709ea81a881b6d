package io.pulseloop.events.response;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.pulseloop.events.PulseloopEvent;

/**
 * The events of topic {@code response.responses.v1}, keyed by contact id. A one-click score without a comment
 * is started (and scored); the comment or the form completes it; a later answer to the same invitation
 * revises it. One invitation has at most one response, whose id is stable across revisions.
 * {@code SurveyPageViewed} says that the page of an invitation was opened (once per invitation).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ResponseStarted.class, name = "ResponseStarted"),
    @JsonSubTypes.Type(value = ResponseCompleted.class, name = "ResponseCompleted"),
    @JsonSubTypes.Type(value = ResponseRevised.class, name = "ResponseRevised"),
    @JsonSubTypes.Type(value = SurveyUnsubscribed.class, name = "SurveyUnsubscribed"),
    @JsonSubTypes.Type(value = SurveyPageViewed.class, name = "SurveyPageViewed")
})
public sealed interface ResponseEvent extends PulseloopEvent
        permits ResponseStarted, ResponseCompleted, ResponseRevised, SurveyUnsubscribed, SurveyPageViewed {

    String invitationId();

    String surveyId();
}
