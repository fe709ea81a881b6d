package io.pulseloop.response.invitations;

/** A record that cannot be read as the event its topic promises; never retried, dead-lettered at once. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
