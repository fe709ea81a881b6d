package io.pulseloop.survey.policy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The parts of one survey's definition the policy applies.
 *
 * @param delay         time from trigger to send (replaced by the configured delay override when there is one)
 * @param filters       attribute name to allowed values (lower-case); every named attribute must match
 * @param sampleRate    the share of triggers that become invitations, 0 to 1
 * @param surveyWindow  the survey's own fatigue window, or {@code null}
 */
public record SurveyRule(String surveyId, Duration delay, Map<String, Set<String>> filters, double sampleRate,
        Duration surveyWindow) {

    public SurveyRule {
        filters = (filters == null) ? Map.of() : Map.copyOf(filters);
    }
}
