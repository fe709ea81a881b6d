package io.pulseloop.events.crm;

/** Where a contact stands with the company ({@code prospect} / {@code customer} / {@code former}). */
public enum CustomerStatus {
    PROSPECT,
    CUSTOMER,
    FORMER
}
