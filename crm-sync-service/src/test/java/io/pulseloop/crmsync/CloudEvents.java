package io.pulseloop.crmsync;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.pulseloop.testsupport.crm.CrmCloudEvents;

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
        Map<String, Object> data = CrmCloudEvents.contact(contactId, email);
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
        return CrmCloudEvents.json(id, SOURCE, type, time, data);
    }
}
