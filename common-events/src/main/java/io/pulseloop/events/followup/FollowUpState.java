package io.pulseloop.events.followup;

/**
 * The contact's follow-up state after an event, carried so that the CRM write-back needs no state of its own.
 *
 * @param openTasks        follow-up tasks of the contact still open
 * @param marketingPaused  whether marketing to the contact is paused (a detractor or low-CSAT task is open)
 */
public record FollowUpState(int openTasks, boolean marketingPaused) {
}
