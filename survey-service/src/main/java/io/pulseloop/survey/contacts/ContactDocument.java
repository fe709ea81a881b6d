package io.pulseloop.survey.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.CustomerStatus;

/**
 * A contact as survey-service knows it, in collection {@code contacts}. Personal data ({@code email},
 * {@code firstName}, {@code lastName}) is removed on erasure, and an erased contact stays erased.
 *
 * @param updatedAt          the CRM event time of the last upsert applied; older upserts are ignored
 * @param lastContactedAt    the contact's fatigue slot: last invitation or reminder sent, any survey
 * @param lastContactedHolder the invitation that took the slot (a retried send may reuse its own slot)
 * @param segment            the attributes surveys filter on ({@code accountTier}, {@code customerStatus},
 *                           {@code region}, {@code branch}) in lower case, for case-insensitive matching and queries
 * @param plannedSends       invitation id to its planned send, kept so that a trigger finds the contact's pending
 *                           invitations by the contact's id; hints only, checked against the invitations
 */
public record ContactDocument(
        String id,
        String email,
        String firstName,
        String lastName,
        String accountId,
        String accountName,
        AccountTier accountTier,
        String region,
        String branch,
        String ownerId,
        String locale,
        String timeZone,
        CustomerStatus customerStatus,
        Boolean surveysConsent,
        Boolean doNotContact,
        boolean erased,
        Instant erasedAt,
        boolean unsubscribed,
        Instant unsubscribedAt,
        Instant updatedAt,
        Instant lastContactedAt,
        String lastContactedHolder,
        Map<String, Instant> lastContactedBySurvey,
        Map<String, String> segment,
        Map<String, PlannedSend> plannedSends,
        List<ContactDecision> decisions) {

    public ContactDocument {
        plannedSends = (plannedSends == null) ? Map.of() : plannedSends;
        segment = (segment == null) ? Map.of() : segment;
        lastContactedBySurvey = (lastContactedBySurvey == null) ? Map.of() : lastContactedBySurvey;
        decisions = (decisions == null) ? List.of() : decisions;
    }

    /** The primary language subtag of the contact's locale ({@code cs-CZ} → {@code cs}), or {@code en}. */
    public String language() {
        if (locale == null || locale.isBlank()) {
            return "en";
        }
        String language = Locale.forLanguageTag(locale.strip().replace('_', '-')).getLanguage();
        return language.isEmpty() ? "en" : language;
    }
}
