package io.pulseloop.survey.decisions;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One decision as {@code GET /api/v1/contacts/{contactId}/survey-decisions} shows it.
 *
 * @param decision       {@code SCHEDULED}, {@code DELAYED}, {@code INVITED}, {@code SUPPRESSED}, {@code REMINDED},
 *                       {@code REMINDER_CANCELLED}, {@code EXPIRED} or {@code FAILED}
 * @param rule           the rule that decided: a suppression reason ({@code DO_NOT_CONTACT}, {@code FATIGUE_WINDOW},
 *                       ...) or {@code ELIGIBLE}, {@code QUIET_HOURS}, {@code REMINDER}, {@code RESPONDED},
 *                       {@code SEND_FAILED}, {@code TOKEN_LIFETIME}, {@code SURVEY_WITHDRAWN}
 * @param triggerEventId the event the decision is about (a CRM event id, a wave place, an opt-out event id)
 * @param triggerType    e.g. {@code crm.ticket.closed}, {@code schedule.wave}, {@code response.survey.unsubscribed}
 * @param dueAt          for {@code SCHEDULED} and {@code DELAYED}: when the send (or retry) is due
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyDecisionView(
        String decision,
        String rule,
        String surveyId,
        Integer surveyVersion,
        String invitationId,
        String triggerEventId,
        String triggerType,
        Instant decidedAt,
        Instant dueAt,
        String detail) {
}
