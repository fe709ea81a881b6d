/**
 * The closed-loop rules in plain Java: which answers open which tasks, priorities, the working-day SLA, attempts,
 * resolution, escalation and erasure, applied to all follow-up tasks of one contact at once.
 */
package io.pulseloop.closedloop.tasks.domain;
