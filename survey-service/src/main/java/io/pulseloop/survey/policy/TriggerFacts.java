package io.pulseloop.survey.policy;

import java.time.Instant;
import java.util.Map;

/**
 * What the policy knows about the event that may trigger a survey.
 *
 * @param eventType   the canonical CRM event type, e.g. {@code crm.ticket.closed}
 * @param sampleKey   stable for the trigger, so re-evaluating it samples the same way
 * @param happenedAt  when the trigger happened in the CRM (ticket closed, deal won); the delay counts from here
 * @param attributes  event attributes a trigger may filter on ({@code ticketType}, {@code product}), any case
 * @param notBefore   the send is not due before this (a contact's place in a spread-out wave), or {@code null}
 */
public record TriggerFacts(String eventType, String sampleKey, Instant happenedAt, Map<String, String> attributes,
        Instant notBefore) {

    public TriggerFacts {
        attributes = (attributes == null) ? Map.of() : Map.copyOf(attributes);
    }
}
