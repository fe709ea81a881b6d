package io.pulseloop.closedloop.tasks.domain;

/** A resolution names a root cause outside the configured list; {@link #field()} is the offending field. */
public class InvalidResolutionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidResolutionException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
