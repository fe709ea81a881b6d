package io.pulseloop.survey.web;

import org.springframework.http.HttpStatusCode;

import io.pulseloop.platform.problem.ProblemException;

/**
 * An error a staff API answers with the platform's {@code application/problem+json}: an HTTP status, a title, a
 * detail, and the request field at fault (dotted path, e.g. {@code trigger.delay}) when there is one.
 */
public class ApiProblemException extends ProblemException {

    public ApiProblemException(int status, String title, String field, String detail) {
        super(HttpStatusCode.valueOf(status), title, field, detail);
    }

    /** {@code 400}: the request is invalid at {@code field}. */
    public static ApiProblemException invalid(String field, String detail) {
        return new ApiProblemException(400, "Invalid request", field, detail);
    }
}
