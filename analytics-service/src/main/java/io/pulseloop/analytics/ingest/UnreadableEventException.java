package io.pulseloop.analytics.ingest;

/** A record that is not an event at all (not JSON, no type): not retried, it goes to the binding's DLQ. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
