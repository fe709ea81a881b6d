package io.pulseloop.events.crm;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The contact exercised the right to erasure ({@code crm.contact.erased}). Every service that receives it
 * removes or irreversibly anonymises the contact's personal data (email, names, comments) and never invites
 * the contact again; scores stay in aggregates.
 */
@JsonTypeName("ContactErased")
public record ContactErased(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String source,
        String sourceEventId) implements CrmContactEvent {
}
