package io.pulseloop.events.crm;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A contact was created or changed in the CRM ({@code crm.contact.upserted}). The record carries the full
 * state as the CRM sent it; fields the CRM left out are {@code null} and mean "unknown", not "cleared".
 *
 * @param locale   BCP 47 language tag, e.g. {@code cs}
 * @param timeZone IANA zone id, e.g. {@code Europe/Prague}
 */
@JsonTypeName("ContactUpserted")
public record ContactUpserted(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String source,
        String sourceEventId,
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
        Consent consent,
        Boolean doNotContact) implements CrmContactEvent {
}
