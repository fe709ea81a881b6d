package io.pulseloop.analytics.query;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import io.pulseloop.platform.problem.ProblemException;

/**
 * A query parameter that cannot be answered: {@code 400 application/problem+json} naming the parameter in
 * {@code field} (the platform's shape), and also in {@code invalidParams} ({@code [{"name", "reason"}]}).
 */
public class BadQueryException extends ProblemException {

    public BadQueryException(String field, String reason) {
        super(HttpStatus.BAD_REQUEST, "Bad query parameter", field, "Parameter '" + field + "' " + reason);
        getBody().setProperty("invalidParams", List.of(Map.of("name", field, "reason", reason)));
    }
}
