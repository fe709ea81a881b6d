package io.pulseloop.platform.mongo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.bson.Document;

import io.pulseloop.platform.events.OutgoingEvent;

/**
 * One pending event in a document's {@code outbox} array, stored as {@code {_id, topic, key, value, headers}}.
 *
 * @param id      the entry's id: the event id, which consumers deduplicate by
 * @param topic   where it goes
 * @param key     the record key
 * @param value   the record value (JSON text)
 * @param headers text headers, e.g. {@code eventType}
 */
public record OutboxEntry(String id, String topic, String key, String value, Map<String, String> headers) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        headers = Map.copyOf(headers);
    }

    /** The entry for an event about to be published, keeping its id. */
    public static OutboxEntry of(String eventId, OutgoingEvent event) {
        return new OutboxEntry(eventId, event.topic(), event.key(),
                event.value() == null ? null : new String(event.value(), StandardCharsets.UTF_8),
                event.headers());
    }

    /** The record to publish. */
    public OutgoingEvent toOutgoing() {
        return OutgoingEvent.of(topic, key, value, headers);
    }

    /** As stored in the outbox array. */
    public Document toDocument() {
        Document document = new Document("_id", id).append("topic", topic).append("key", key).append("value", value);
        document.append("headers", new Document(new LinkedHashMap<>(headers)));
        return document;
    }

    /** Read back from the outbox array. */
    public static OutboxEntry from(Document document) {
        Map<String, String> headers = new LinkedHashMap<>();
        Document stored = document.get("headers", Document.class);
        if (stored != null) {
            stored.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        return new OutboxEntry(String.valueOf(document.get("_id")), document.getString("topic"),
                document.getString("key"), document.getString("value"), headers);
    }
}
