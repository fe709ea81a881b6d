/**
 * Follow-up tasks at work: the consumers that turn scores and signals into tasks, the store and its single-document
 * outbox, publishing on {@code followup.tasks.v1}, escalation and reminders, and the staff's actions.
 */
package io.pulseloop.closedloop.tasks;
