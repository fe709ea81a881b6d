package io.pulseloop.analytics.query;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter that cannot be answered: {@code 400 application/problem+json} naming the parameter in
 * {@code field} and in {@code invalidParams} ({@code [{"name", "reason"}]}).
 */
public class BadQueryException extends ErrorResponseException {

    public BadQueryException(String field, String reason) {
        super(HttpStatus.BAD_REQUEST, problem(field, reason), null);
    }

    private static ProblemDetail problem(String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Parameter '" + field + "' " + reason);
        problem.setTitle("Bad query parameter");
        problem.setType(URI.create("https://pulseloop.io/problems/bad-query-parameter"));
        problem.setProperty("field", field);
        problem.setProperty("invalidParams", List.of(Map.of("name", field, "reason", reason)));
        return problem;
    }
}
