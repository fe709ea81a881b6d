package io.pulseloop.closedloop.tasks.domain;

import java.time.Instant;

/**
 * One try to reach the contact.
 *
 * @param by the staff member's CRM owner id ({@code admin} for the local Basic user)
 */
public record Attempt(Instant at, String by, boolean reached, String note) {
}
