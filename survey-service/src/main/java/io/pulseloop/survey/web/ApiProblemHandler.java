package io.pulseloop.survey.web;

import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Turns every error of the staff API into {@code application/problem+json} with a {@code field} property. */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblemException.class)
    ProblemDetail apiProblem(ApiProblemException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
        problem.setTitle(ex.title());
        if (ex.field() != null) {
            problem.setProperty("field", ex.field());
        }
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + ex.getValue() + "' is not a valid value for " + ex.getName());
        problem.setTitle("Invalid request");
        problem.setProperty("field", ex.getName());
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = null;
        String detail = "The request body is not valid JSON for this resource";
        Throwable cause = ex.getCause();
        if (cause instanceof JacksonException jackson) {
            field = jackson.getPath().stream()
                    .map(reference -> (reference.getPropertyName() != null)
                            ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            detail = jackson.getOriginalMessage();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Malformed request body");
        problem.setProperty("field", (field == null || field.isEmpty()) ? "body" : field);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }
}
