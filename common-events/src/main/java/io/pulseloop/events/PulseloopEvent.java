package io.pulseloop.events;

import java.time.Instant;

/**
 * What every Pulseloop event carries.
 *
 * <p>{@code eventId} is unique per event and stable across redeliveries, so consumers use it as their
 * idempotency key. {@code correlationId} is shared by every event of one causal chain (a CRM ticket, the
 * invitation it triggered, the answer, the follow-up task), so one chain can be followed across services.
 */
public interface PulseloopEvent {

    String eventId();

    Instant occurredAt();

    /** The contact the event concerns; also the Kafka record key, which keeps one contact's events in order. */
    String contactId();

    String correlationId();
}
