package io.pulseloop.crmsync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

import io.pulseloop.events.json.EventJson;

/** CRM CloudEvents as a CRM sends them (contract §2.1), for tests. */
public final class CloudEvents {

    public static final String SOURCE = "crm://acme-hubspot";

    private CloudEvents() {
    }

    /** A unique id for test isolation, e.g. {@code c-3f2a9b1c}. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String contactUpserted(String id, String contactId, Instant time, String email) {
        return contactUpserted(id, contactId, time, email, Map.of());
    }

    public static String contactUpserted(String id, String contactId, Instant time, String email,
            Map<String, Object> more) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put("email", email);
        data.put("firstName", "Jana");
        data.put("lastName", "Nováková");
        data.put("accountId", "acc-" + contactId);
        data.put("accountName", "Acme s.r.o.");
        data.put("accountTier", "key");
        data.put("region", "CZ");
        data.put("branch", "Brno");
        data.put("ownerId", "own-1");
        data.put("locale", "cs");
        data.put("timeZone", "Europe/Prague");
        data.put("customerStatus", "customer");
        data.put("consent", Map.of("surveys", true, "marketing", false));
        data.put("doNotContact", false);
        data.putAll(more);
        return event(id, "crm.contact.upserted", time, data);
    }

    public static String ownerUpserted(String id, String ownerId, Instant time) {
        return event(id, "crm.owner.upserted", time, Map.of("ownerId", ownerId, "email", ownerId + "@acme.example",
                "name", "Petr Dvořák", "managerId", "mgr-1", "team", "care"));
    }

    public static String ticketClosed(String id, String contactId, Instant time) {
        return event(id, "crm.ticket.closed", time, Map.of("ticketId", "t-" + id, "contactId", contactId,
                "closedAt", time.toString(), "ticketType", "installation", "technicianId", "tech-7",
                "subject", "Router installation for Jana"));
    }

    public static String dealWon(String id, String contactId, Instant time) {
        return event(id, "crm.deal.won", time, Map.of("dealId", "d-" + id, "contactId", contactId,
                "closedAt", time.toString(), "amount", 1200.5, "currency", "EUR", "product", "fiber-1g",
                "ownerId", "own-1"));
    }

    public static String dealLost(String id, String contactId, Instant time, String reason) {
        return event(id, "crm.deal.lost", time, Map.of("dealId", "d-" + id, "contactId", contactId,
                "closedAt", time.toString(), "lossReason", reason, "ownerId", "own-1"));
    }

    public static String contactErased(String id, String contactId, Instant time) {
        return event(id, "crm.contact.erased", time, Map.of("contactId", contactId));
    }

    public static String event(String id, String type, Instant time, Map<String, Object> data) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", EventJson.mapper().valueToTree(data));
        return EventJson.mapper().writeValueAsString(event);
    }
}
