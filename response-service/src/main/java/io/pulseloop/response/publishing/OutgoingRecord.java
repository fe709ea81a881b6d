package io.pulseloop.response.publishing;

import java.time.Instant;
import java.util.Map;

import io.pulseloop.platform.events.OutgoingEvent;
import io.pulseloop.platform.mongo.OutboxEntry;

/**
 * One record to publish: already serialised, so that it can wait in an outbox and go out byte for byte as built.
 *
 * @param eventId   the event's id, the consumers' idempotency key
 * @param eventType the event's type, also sent as the {@code eventType} header
 * @param key       the contact id
 */
public record OutgoingRecord(String eventId, String topic, String key, String eventType, String payload) {

    /** The record as the platform's {@code EventPublisher} sends it: JSON value, {@code eventType} header. */
    public OutgoingEvent toEvent() {
        // no raw contentType header: Spring Cloud Stream consumers refuse it as byte[] (JSON is their default)
        return OutgoingEvent.of(topic, key, payload, Map.of("eventType", eventType));
    }

    /** The record as an entry of a document's outbox (the platform's {@code OutboxRelay}), written at {@code at}. */
    public OutboxEntry toOutboxEntry(Instant at) {
        return OutboxEntry.of(eventId, toEvent(), at);
    }
}
