package io.pulseloop.platform.mongo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.bson.Document;

import io.pulseloop.platform.events.OutgoingEvent;

/**
 * One pending event in a document's {@code outbox} array, stored as
 * {@code {eventId, topic, key, eventType, payload, headers, createdAt}} (absent fields left out). The same shape
 * whether a service writes it with {@link #toDocument()} or maps it as part of its own document with Spring Data.
 *
 * @param eventId   the event id, which consumers deduplicate by, and by which the relay removes the entry
 * @param topic     where it goes
 * @param key       the record key
 * @param eventType sent as the {@code eventType} header, if present
 * @param payload   the record value (JSON text)
 * @param headers   further text headers
 * @param createdAt when it was written, for a sweep that only takes entries older than a handover period
 */
public record OutboxEntry(String eventId, String topic, String key, String eventType, String payload,
        Map<String, String> headers, Instant createdAt) {

    static final String EVENT_TYPE = "eventType";

    public OutboxEntry {
        Objects.requireNonNull(eventId, "eventId");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The entry for an event about to be published, keeping its id; its {@code eventType} header becomes a field. */
    public static OutboxEntry of(String eventId, OutgoingEvent event, Instant createdAt) {
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        String eventType = headers.remove(EVENT_TYPE);
        return new OutboxEntry(eventId, event.topic(), event.key(), eventType,
                event.value() == null ? null : new String(event.value(), StandardCharsets.UTF_8), headers, createdAt);
    }

    /** The same entry, with this topic and key where it was stored without them (written by an older version). */
    public OutboxEntry withDefaults(String defaultTopic, String defaultKey) {
        return new OutboxEntry(eventId, topic == null ? defaultTopic : topic, key == null ? defaultKey : key,
                eventType, payload, headers, createdAt);
    }

    /** The record to publish: the payload, the headers and the {@code eventType} header. */
    public OutgoingEvent toOutgoing() {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (eventType != null) {
            all.put(EVENT_TYPE, eventType);
        }
        return OutgoingEvent.of(Objects.requireNonNull(topic, "topic of outbox entry " + eventId), key, payload, all);
    }

    /** As stored in the outbox array. */
    public Document toDocument() {
        Document document = new Document("eventId", eventId);
        put(document, "topic", topic);
        put(document, "key", key);
        put(document, EVENT_TYPE, eventType);
        put(document, "payload", payload);
        if (!headers.isEmpty()) {
            document.append("headers", new Document(new LinkedHashMap<>(headers)));
        }
        put(document, "createdAt", createdAt == null ? null : Date.from(createdAt));
        return document;
    }

    /** Read back from the outbox array. */
    public static OutboxEntry from(Document document) {
        Map<String, String> headers = new LinkedHashMap<>();
        Document stored = document.get("headers", Document.class);
        if (stored != null) {
            stored.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        Date createdAt = document.getDate("createdAt");
        return new OutboxEntry(String.valueOf(document.get("eventId")), document.getString("topic"),
                document.getString("key"), document.getString(EVENT_TYPE), document.getString("payload"), headers,
                createdAt == null ? null : createdAt.toInstant());
    }

    private static void put(Document document, String name, Object value) {
        if (value != null) {
            document.append(name, value);
        }
    }
}
