package io.pulseloop.systemtests;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.pulseloop.testsupport.crm.CrmCloudEvents;

/** CloudEvents 1.0 in JSON structured mode, as a CRM would publish them (contract §2.1). */
final class CrmEvents {

    static final String SOURCE = "crm://system-tests";

    private CrmEvents() {
    }

    static String owner(String ownerId, String email, String name) {
        return event("crm.owner.upserted", Map.of("ownerId", ownerId, "email", email, "name", name));
    }

    static String contact(String contactId, String email, String locale, String ownerId, boolean surveyConsent,
            boolean doNotContact) {
        Map<String, Object> data = CrmCloudEvents.contact(contactId, email);
        data.put("accountId", "account-" + contactId);
        data.put("region", "CEE");
        data.put("ownerId", ownerId);
        data.put("locale", locale);
        data.put("consent", Map.of("surveys", surveyConsent, "marketing", true));
        data.put("doNotContact", doNotContact);
        return event("crm.contact.upserted", data);
    }

    static String ticketClosed(String contactId) {
        return event("crm.ticket.closed", Map.of("ticketId", "ticket-" + UUID.randomUUID(), "contactId", contactId,
                "closedAt", Instant.now().toString(), "ticketType", "repair", "technicianId", "tech-7",
                "subject", "Router nefunguje"));
    }

    /** Any CRM event type with the given {@code data}, as a CRM publishes it. */
    static String event(String type, Map<String, ?> data) {
        return CrmCloudEvents.json(UUID.randomUUID().toString(), SOURCE, type, Instant.now(), data);
    }
}
