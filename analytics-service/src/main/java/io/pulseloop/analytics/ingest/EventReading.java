package io.pulseloop.analytics.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

import io.pulseloop.events.json.EventJson;

/**
 * Tolerant reading of one record: a tombstone (no value) and an event type this version does not know are skipped
 * and counted ({@code pulseloop.analytics.consumed{topic, outcome}}); a value that is not an event is
 * {@link UnreadableEventException} (dead-lettered, not retried).
 */
final class EventReading {

    private final MeterRegistry meters;

    EventReading(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * The record's value; {@code null} for a tombstone (the binder hands it over as {@code KafkaNull}, which no
     * {@code byte[]} consumer could take: declaring the bindings as {@code Message<?>} keeps tombstones readable).
     */
    static byte[] payload(Message<?> message) {
        return message.getPayload() instanceof byte[] bytes ? bytes : null;
    }

    /** @return the event, or {@code null} for a tombstone or an unknown type */
    <T> T read(String topic, byte[] payload, Class<T> type) {
        if (payload == null || payload.length == 0) {
            count(topic, "tombstone");
            return null;
        }
        ObjectReader reader = EventJson.mapper().readerFor(type)
                .without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        try {
            T event = reader.readValue(payload);
            if (event == null) {
                count(topic, "unknown-type");
            }
            return event;
        } catch (JacksonException unreadable) {
            count(topic, "unreadable");
            throw new UnreadableEventException("Unreadable record on " + topic + ": "
                    + unreadable.getOriginalMessage(), unreadable);
        }
    }

    JsonNode tree(String topic, byte[] payload) {
        if (payload == null || payload.length == 0) {
            count(topic, "tombstone");
            return null;
        }
        try {
            JsonNode tree = EventJson.mapper().readTree(payload);
            if (tree == null || !tree.isObject()) {
                throw new UnreadableEventException("Not a JSON object on " + topic, null);
            }
            return tree;
        } catch (JacksonException unreadable) {
            count(topic, "unreadable");
            throw new UnreadableEventException("Unreadable record on " + topic + ": "
                    + unreadable.getOriginalMessage(), unreadable);
        }
    }

    void count(String topic, String outcome) {
        meters.counter("pulseloop.analytics.consumed", "topic", topic, "outcome", outcome).increment();
    }
}
