package io.pulseloop.events.crm.inbound;

import java.time.Instant;

/** The CloudEvents context attributes Pulseloop uses; {@code source} + {@code id} identify the event. */
public record CloudEventAttributes(String id, String source, String type, Instant time) {
}
