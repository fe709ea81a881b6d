package io.pulseloop.analytics.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.platform.events.TolerantEventReader;
import io.pulseloop.platform.events.UnreadableEventException;

/**
 * Reading one record, on the platform's {@link TolerantEventReader}: a tombstone and an event type this version does
 * not know are skipped and counted ({@code pulseloop.events.skipped}); a value that is not an event is
 * {@link UnreadableEventException} (dead-lettered at once, not retried). Records applied are counted as
 * {@code pulseloop.analytics.consumed{topic, outcome}}.
 */
final class EventReading {

    private final TolerantEventReader reader;
    private final MeterRegistry meters;

    EventReading(TolerantEventReader reader, MeterRegistry meters) {
        this.reader = reader;
        this.meters = meters;
    }

    /** @return the event, or {@code null} for a tombstone or an unknown type */
    <T> T read(String topic, Message<?> message, Class<T> family) {
        return reader.read(message, family, topic).orElse(null);
    }

    /**
     * The record as a JSON tree (for {@code followup.tasks.v1}, whose fields are read by name); {@code null} for a
     * tombstone. The binder hands a tombstone over as {@code KafkaNull}, which no {@code byte[]} consumer could take:
     * the bindings take {@code Message<?>}.
     */
    JsonNode tree(String topic, Message<?> message) {
        if (!(message.getPayload() instanceof byte[] payload) || payload.length == 0) {
            count(topic, "tombstone");
            return null;
        }
        try {
            JsonNode tree = EventJson.mapper().readTree(payload);
            if (tree == null || !tree.isObject()) {
                throw new UnreadableEventException("Not a JSON object on " + topic, null, null);
            }
            if (!tree.path("eventType").isString()) {
                // no type at all is no event (an unknown type is skipped by the caller): dead-letter it (issue 15)
                count(topic, "unreadable");
                throw new UnreadableEventException("A " + topic + " record has no eventType", "eventType", null);
            }
            return tree;
        } catch (JacksonException unreadable) {
            count(topic, "unreadable");
            throw new UnreadableEventException("Unreadable record on " + topic + ": "
                    + unreadable.getOriginalMessage(), null, unreadable);
        }
    }

    void count(String topic, String outcome) {
        meters.counter("pulseloop.analytics.consumed", "topic", topic, "outcome", outcome).increment();
    }
}
