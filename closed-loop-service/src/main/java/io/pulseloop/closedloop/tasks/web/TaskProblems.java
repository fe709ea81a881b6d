package io.pulseloop.closedloop.tasks.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import io.pulseloop.closedloop.tasks.domain.InvalidResolutionException;
import io.pulseloop.closedloop.tasks.domain.TaskConflictException;
import io.pulseloop.closedloop.tasks.domain.TaskNotFoundException;

/**
 * Every error of the task API as {@code application/problem+json}; a bad input names its field in {@code field}
 * and lists all of them in {@code errors}.
 */
@RestControllerAdvice(assignableTypes = TaskController.class)
class TaskProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(TaskNotFoundException.class)
    ProblemDetail notFound(TaskNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Task not found");
        return problem;
    }

    @ExceptionHandler(TaskConflictException.class)
    ProblemDetail conflict(TaskConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Task state does not allow this");
        return problem;
    }

    @ExceptionHandler(InvalidResolutionException.class)
    ProblemDetail invalidResolution(InvalidResolutionException ex) {
        return badField(ex.field(), ex.getMessage());
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException ex) {
        return badField(ex.field(), ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        String fields = errors.stream().map(e -> e.get("field")).collect(Collectors.joining(", "));
        ProblemDetail problem = badField(errors.isEmpty() ? "body" : errors.get(0).get("field"),
                "Invalid " + fields + ": " + errors.stream().map(e -> e.get("field") + " " + e.get("message"))
                        .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = null;
        String detail = "The request body is not valid JSON for this resource";
        if (ex.getCause() instanceof JacksonException jackson) {
            field = jackson.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            detail = jackson.getOriginalMessage();
        }
        ProblemDetail problem = badField(field == null || field.isEmpty() ? "body" : field, detail);
        problem.setTitle("Malformed request body");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static ProblemDetail badField(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("field", field);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        return problem;
    }
}
