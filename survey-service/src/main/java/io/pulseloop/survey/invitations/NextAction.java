package io.pulseloop.survey.invitations;

/** The next durable step of an invitation, due at its {@code nextActionAt}. */
public enum NextAction {
    SEND,
    REMIND,
    EXPIRE
}
