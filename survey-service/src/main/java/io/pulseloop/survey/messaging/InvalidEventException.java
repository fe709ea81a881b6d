package io.pulseloop.survey.messaging;

/** A record that can never be processed (not JSON, no contact id, ...): dead-lettered at once, never retried. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }
}
