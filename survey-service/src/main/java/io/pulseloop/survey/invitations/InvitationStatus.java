package io.pulseloop.survey.invitations;

/** Where an invitation stands. */
public enum InvitationStatus {
    /** Planned; the email is not sent yet. */
    SCHEDULED,
    /** The email was accepted by the SMTP relay. */
    SENT,
    /** The one reminder was sent too. */
    REMINDED,
    /** The token lifetime passed. */
    EXPIRED,
    /** Decided against (the decision says which rule); nothing is or will be sent. */
    SUPPRESSED,
    /** Sending was given up after retrying for the configured time. */
    FAILED
}
