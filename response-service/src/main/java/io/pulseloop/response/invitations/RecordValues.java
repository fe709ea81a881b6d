package io.pulseloop.response.invitations;

import java.nio.charset.StandardCharsets;

import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;

/**
 * The value of a consumed record as bytes. A record without a value (a tombstone, which Spring Cloud Stream hands
 * over as {@link KafkaNull}) is not an event of any of response-service's topics: it is refused as unreadable, so
 * the binding dead-letters it at once with that cause and the records after it keep flowing (issue 11 #1).
 */
public final class RecordValues {

    private RecordValues() {
    }

    /**
     * @throws UnreadableEventException when the record has no value
     */
    public static byte[] bytesOf(Message<?> message, String topic) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new UnreadableEventException("A " + topic + " record has no value (tombstone); expected an event",
                null);
    }

    /**
     * A reader that skips unknown event types (the families grow additively) reads a record without any
     * {@code eventType} as one of them; that record is no event at all, so it is refused as unreadable and
     * dead-lettered, not skipped (issue 15, a poison record in every consumed topic).
     *
     * @throws UnreadableEventException when the JSON value has no textual {@code eventType}
     */
    public static void requireEventType(byte[] value, String topic) {
        JsonNode type = EventJson.mapper().readTree(value).get("eventType");
        if (type == null || !type.isString()) {
            throw new UnreadableEventException("A " + topic + " record has no eventType; expected an event", null);
        }
    }
}
