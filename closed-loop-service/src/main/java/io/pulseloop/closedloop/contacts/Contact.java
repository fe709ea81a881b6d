package io.pulseloop.closedloop.contacts;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.pulseloop.events.crm.AccountTier;

/**
 * A contact as the CRM last described it; {@code updatedAt} is the CRM event time, so older news never wins. An
 * erased contact keeps only its id and {@code erased}.
 *
 * @param marketingConsent the explicit {@code consent.marketing}; {@code null} when the CRM did not say
 */
@Document("contacts")
public record Contact(@Id String contactId, String firstName, String lastName, String accountId, String accountName,
        AccountTier accountTier, String ownerId, String locale, Boolean marketingConsent, boolean erased,
        Instant updatedAt) {

    /** First and last name as people write them, or {@code null} if the CRM gave neither. */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? null : name;
    }

    public boolean agreedToMarketing() {
        return Boolean.TRUE.equals(marketingConsent);
    }
}
