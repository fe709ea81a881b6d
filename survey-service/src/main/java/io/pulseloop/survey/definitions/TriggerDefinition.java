package io.pulseloop.survey.definitions;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * When a survey is sent in reaction to a CRM event.
 *
 * @param eventType  canonical CRM event type: {@code crm.ticket.closed}, {@code crm.deal.won}, {@code crm.deal.lost}
 * @param delay      from the event to the send
 * @param filters    attribute to allowed values (lower-case); see {@code TriggerFilters#ATTRIBUTES}
 * @param sampleRate share of triggers surveyed, 0 to 1
 */
public record TriggerDefinition(String eventType, Duration delay, Map<String, Set<String>> filters,
        double sampleRate) {
}
