package io.pulseloop.testsupport.crm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pulseloop.events.json.EventJson;

/**
 * CRM CloudEvents 1.0 in JSON structured mode, as a CRM publishes them to {@code crm.inbound.v1} or posts them to the
 * webhook (contract §2.1), and the data of a typical contact.
 *
 * <pre>{@code
 * Map<String, Object> data = CrmCloudEvents.contact("c-1", "jana@example.com");
 * data.put("locale", "pl");                                   // change what the test is about
 * String event = CrmCloudEvents.json(UUID.randomUUID().toString(), "crm://tests", "crm.contact.upserted",
 *         Instant.now(), data);
 * }</pre>
 */
public final class CrmCloudEvents {

    private CrmCloudEvents() {
    }

    /**
     * One CloudEvent as JSON.
     *
     * @param id     the CRM's event id ({@code id})
     * @param source the CRM ({@code source}, e.g. {@code crm://acme-hubspot})
     * @param type   {@code crm.contact.upserted}, {@code crm.ticket.closed}, ...
     * @param time   when it happened in the CRM ({@code time})
     * @param data   the event's {@code data}
     * @return the event, {@code datacontenttype} {@code application/json}
     */
    public static String json(String id, String source, String type, Instant time, Map<String, ?> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", source);
        event.put("type", type);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return EventJson.mapper().writeValueAsString(event);
    }

    /**
     * The data of a {@code crm.contact.upserted}: a Czech key-account customer who agreed to surveys (not to
     * marketing), owned by {@code own-1}, with every field contract §2.1 lists. A new mutable map each call, so a
     * test changes what it is about.
     *
     * @param contactId the CRM's contact id
     * @param email     the contact's address
     * @return the data, in the contract's field order
     */
    public static Map<String, Object> contact(String contactId, String email) {
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
        return data;
    }
}
