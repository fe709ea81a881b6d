package io.pulseloop.closedloop.tasks.web;

/** A query parameter that cannot be used; {@link #field()} names it. */
public class InvalidParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
