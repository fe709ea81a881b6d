package io.pulseloop.analytics.signals.rules;

import java.util.List;
import java.util.Map;

/**
 * What the rules remember of one contact.
 *
 * @param answers      the contact's latest NPS responses (at most {@link SignalRules#ANSWERS_KEPT}), oldest first
 * @param revisions    the highest revision evaluated per response: what makes evaluation idempotent
 * @param upsellActive whether an upsell opportunity was raised and not withdrawn
 */
public record ContactSignals(String contactId, List<NpsAnswer> answers, Map<String, Integer> revisions,
        boolean upsellActive) {

    public ContactSignals {
        answers = answers == null ? List.of() : List.copyOf(answers);
        revisions = revisions == null ? Map.of() : Map.copyOf(revisions);
    }

    public static ContactSignals empty(String contactId) {
        return new ContactSignals(contactId, List.of(), Map.of(), false);
    }
}
