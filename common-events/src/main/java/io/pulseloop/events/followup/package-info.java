/**
 * The follow-up task lifecycle published by closed-loop-service: opened, contact attempt made, escalated,
 * resolved; each carries the contact's follow-up state after it, for the CRM write-back.
 */
package io.pulseloop.events.followup;
