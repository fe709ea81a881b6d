package io.pulseloop.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;

/**
 * A record to publish: topic, key (the contact id, so one contact's events keep their order), JSON value and headers.
 *
 * @param topic   the topic, from the catalogue ({@code Topics})
 * @param key     the record key
 * @param value   the value's bytes; {@code null} for a tombstone
 * @param headers text headers, e.g. {@code eventType}
 */
public record OutgoingEvent(String topic, String key, byte[] value, Map<String, String> headers) {

    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        headers = Map.copyOf(headers);
    }

    /**
     * An event of a family as JSON, written as the family's type so that the {@code eventType} property is included,
     * with an {@code eventType} header naming it too.
     *
     * @param family the family type, e.g. {@code CrmContactEvent.class} (or the record's own class)
     */
    public static <F> OutgoingEvent json(String topic, String key, F event, Class<? super F> family) {
        byte[] value = EventJson.mapper().writerFor(family).writeValueAsBytes(event);
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode type = EventJson.mapper().readTree(value).get("eventType");
        headers.put("eventType", type != null && type.isString() ? type.asString() : event.getClass().getSimpleName());
        // no contentType header: Spring Cloud Stream consumers read a raw one as byte[] and refuse the record
        // ("Unknown type for contentType header value"); their default content type is JSON already
        return new OutgoingEvent(topic, key, value, headers);
    }

    /** A value already serialised, e.g. kept in an outbox. */
    public static OutgoingEvent of(String topic, String key, String json, Map<String, String> headers) {
        return new OutgoingEvent(topic, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
    }
}
