package io.pulseloop.crmsync.cloudevents;

/**
 * A CRM event that cannot be read: not JSON, not a CloudEvent 1.0, or missing or malformed in a field.
 * {@link #field()} names the field the way a CRM developer would look for it, e.g. {@code data.contactId},
 * {@code time} or {@code [3].data.email} in a batch.
 */
public class InvalidCrmEventException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidCrmEventException(String field, String reason) {
        super(field == null ? reason : field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The offending field, or {@code null} when the whole body is unreadable. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    InvalidCrmEventException within(String prefix) {
        return new InvalidCrmEventException(field == null ? prefix : prefix + "." + field, reason);
    }
}
