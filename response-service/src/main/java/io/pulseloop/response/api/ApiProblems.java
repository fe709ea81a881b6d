package io.pulseloop.response.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.pulseloop.platform.problem.Problems;
import io.pulseloop.response.intake.InvalidAnswerException;
import io.pulseloop.response.intake.InvitationGoneException;
import io.pulseloop.response.intake.InvitationNotFoundException;
import io.pulseloop.response.intake.LinkNotConfirmedException;
import io.pulseloop.response.intake.UnknownLinks;
import io.pulseloop.response.ratelimit.RateLimitedException;

/**
 * The intake's own errors as the platform's {@code application/problem+json} shape, each naming the field at fault
 * in {@code field} and in {@code errors[].field}; every other error of the API is the platform's.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = ResponseApiController.class)
class ApiProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidAnswerException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid answer", ex.getMessage(), ex.field());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknown(InvitationNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Unknown survey link", ex.getMessage(), "token");
    }

    /** A link whose invitation may not have reached the service yet ({@link UnknownLinks}): try again later. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> notConfirmed(LinkNotConfirmedException ex) {
        long retryAfter = ex.retryAfterSeconds();
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Survey link not confirmed yet",
                UnknownLinks.DETAIL, "token").getBody();
        problem.setProperty("retryAfterSeconds", retryAfter);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> gone(InvitationGoneException ex) {
        return problem(HttpStatus.GONE, "Survey link expired", ex.getMessage(), "token");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownResponse(ResponseNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Unknown response", ex.getMessage(), "responseId");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable body", "The body must be a JSON object", "body");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Send the answer as application/json", "Content-Type");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooMany(RateLimitedException ex) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                ex.getMessage(), "token");
        problem.getBody().setProperty("retryAfterSeconds", ex.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
                .body(problem.getBody());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String field) {
        return Problems.response(Problems.of(status, title, detail, field));
    }
}
