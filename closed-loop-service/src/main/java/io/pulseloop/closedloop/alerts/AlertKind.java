package io.pulseloop.closedloop.alerts;

/** Why people are alerted. */
public enum AlertKind {
    /** A task opened: its assignee. */
    OPENED,
    /** A task passed its due time: the assignee's manager. */
    ESCALATED,
    /** The time for the next attempt came: the assignee. */
    REMINDER,
    /** The daily digest of a manager's team: the manager. */
    DIGEST
}
