package io.pulseloop.systemtests;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.pulseloop.events.json.EventJson;

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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put("email", email);
        data.put("firstName", "Jana");
        data.put("lastName", "Nováková");
        data.put("accountId", "account-" + contactId);
        data.put("accountName", "Acme s.r.o.");
        data.put("accountTier", "key");
        data.put("region", "CEE");
        data.put("branch", "Brno");
        data.put("ownerId", ownerId);
        data.put("locale", locale);
        data.put("timeZone", "Europe/Prague");
        data.put("customerStatus", "customer");
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
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return EventJson.mapper().writeValueAsString(event);
    }
}
