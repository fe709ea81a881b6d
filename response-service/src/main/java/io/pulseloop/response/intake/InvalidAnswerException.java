package io.pulseloop.response.intake;

/** An answer that cannot be accepted, naming the field at fault ({@code score}, {@code comment}, ...): 400. */
public class InvalidAnswerException extends RuntimeException {

    private final String field;

    public InvalidAnswerException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
