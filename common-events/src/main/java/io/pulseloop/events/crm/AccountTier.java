package io.pulseloop.events.crm;

/** The CRM's account tier ({@code key} / {@code standard}). */
public enum AccountTier {
    KEY,
    STANDARD
}
