package io.pulseloop.platform.events;

/**
 * A record that can never be read, however often it is retried: malformed JSON, a known event type with a missing or
 * wrong field. Not retryable: it goes to the dead-letter topic at once, with this message and field in the headers.
 */
public class UnreadableEventException extends RuntimeException {

    private final String field;

    public UnreadableEventException(String message, String field, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The JSON path of the field at fault ({@code data.contactId}), or {@code null} for the record as a whole. */
    public String field() {
        return field;
    }
}
