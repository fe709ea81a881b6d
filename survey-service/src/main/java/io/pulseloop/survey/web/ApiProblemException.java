package io.pulseloop.survey.web;

/**
 * An error a staff API answers with {@code application/problem+json}: an HTTP status, a title, a detail, and the
 * request field at fault (dotted path, e.g. {@code trigger.delay}) when there is one.
 */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ApiProblemException(int status, String title, String field, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** {@code 400}: the request is invalid at {@code field}. */
    public static ApiProblemException invalid(String field, String detail) {
        return new ApiProblemException(400, "Invalid request", field, detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
