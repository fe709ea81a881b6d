package io.pulseloop.survey.policy;

import java.time.Instant;
import java.util.Map;

/**
 * What the policy knows about a contact, taken from survey-service's own read model of the CRM's contacts.
 *
 * @param surveysConsent      {@code null} when the CRM did not say; only an explicit {@code false} withdraws consent
 * @param attributes          contact attributes a trigger may filter on ({@code accountTier}, {@code region},
 *                            {@code branch}, {@code customerStatus}), lower-case values
 * @param lastContactedAt     the last invitation or reminder sent to the contact, any survey
 * @param lastContactedHolder the invitation that last took the contact's fatigue slot
 * @param lastContactedBySurvey the last invitation or reminder per survey id
 */
public record ContactFacts(
        String contactId,
        boolean erased,
        boolean unsubscribed,
        boolean doNotContact,
        Boolean surveysConsent,
        boolean hasEmail,
        String timeZone,
        Map<String, String> attributes,
        Instant lastContactedAt,
        String lastContactedHolder,
        Map<String, Instant> lastContactedBySurvey) {

    public ContactFacts {
        attributes = (attributes == null) ? Map.of() : Map.copyOf(attributes);
        lastContactedBySurvey = (lastContactedBySurvey == null) ? Map.of() : Map.copyOf(lastContactedBySurvey);
    }
}
