package io.pulseloop.events.crm;

/**
 * What a contact agreed to. A missing answer is {@code null}, which is not the same as {@code false}:
 * survey-service treats only an explicit {@code false} for surveys as withdrawn consent.
 */
public record Consent(Boolean surveys, Boolean marketing) {
}
