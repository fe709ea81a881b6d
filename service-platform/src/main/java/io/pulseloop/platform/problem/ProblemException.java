package io.pulseloop.platform.problem;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/**
 * An error a service answers with the platform's problem shape: throw it from a controller (or code below one) and
 * the answer is {@code application/problem+json} with this status, title, detail and field(s). Spring MVC knows it
 * as an {@link org.springframework.web.ErrorResponse}, so it answers correctly even where the platform's handler does
 * not apply.
 *
 * <pre>{@code
 * throw ProblemException.invalid("rootCause", "'price' is not one of " + rootCauses);
 * throw ProblemException.notFound("id", "No task " + id);
 * throw ProblemException.conflict("status", "The task is already resolved");
 * }</pre>
 */
public class ProblemException extends ErrorResponseException {

    private final String field;

    public ProblemException(HttpStatusCode status, String title, String field, String detail) {
        this(status, title, detail, field == null ? List.of() : List.of(new ProblemField(field, detail)));
    }

    public ProblemException(HttpStatusCode status, String title, String detail, List<ProblemField> errors) {
        super(status, Problems.withErrors(Problems.of(status, title, detail), errors), null);
        this.field = errors.isEmpty() ? null : errors.get(0).field();
    }

    /** {@code 400 Invalid request}: the request is invalid at {@code field}. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid request", field, detail);
    }

    /** {@code 400 Invalid request} with several fields at fault. */
    public static ProblemException invalid(List<ProblemField> errors, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    /** {@code 404 Not Found}: nothing is known by the value of {@code field} (may be {@code null}). */
    public static ProblemException notFound(String field, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", field, detail);
    }

    /** {@code 409 Conflict}: the request contradicts the resource's state at {@code field} (may be {@code null}). */
    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Conflict", field, detail);
    }

    /** {@code 410 Gone}: what {@code field} names existed but is no longer available. */
    public static ProblemException gone(String field, String detail) {
        return new ProblemException(HttpStatus.GONE, "Gone", field, detail);
    }

    /** Adds a further member to the problem, e.g. {@code retryAfterSeconds}. */
    public ProblemException with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    /** The (first) request field at fault, or {@code null}. */
    public String field() {
        return field;
    }

    /** The problem's title. */
    public String title() {
        return getBody().getTitle();
    }

    /** The HTTP status code. */
    public int status() {
        return getStatusCode().value();
    }

    /** The detail, for a human: what {@link #getMessage()} answers too. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
