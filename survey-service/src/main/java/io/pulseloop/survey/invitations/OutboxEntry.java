package io.pulseloop.survey.invitations;

/** An event written with the state change that caused it and published afterwards; {@code payload} is its JSON. */
public record OutboxEntry(String eventId, String payload) {
}
