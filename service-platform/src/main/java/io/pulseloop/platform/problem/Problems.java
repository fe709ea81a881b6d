package io.pulseloop.platform.problem;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import io.pulseloop.events.json.EventJson;

/**
 * Builds the platform's problem shape. Every problem has {@code type} ({@code about:blank} unless a service names
 * one), {@code title}, {@code status} and {@code detail}; one that concerns request fields also has {@code field}
 * (the first field at fault) and {@code errors} ({@code [{field, message}, ...]}, every field at fault).
 */
public final class Problems {

    /** The problem property naming the (first) field at fault. */
    public static final String FIELD = "field";
    /** The problem property listing every field at fault as {@code {field, message}}. */
    public static final String ERRORS = "errors";
    /** The type of a problem that needs no other explanation than its status (RFC 9457). */
    public static final URI BLANK = URI.create("about:blank");

    private Problems() {
    }

    /** A problem with a status, a title and a detail. */
    public static ProblemDetail of(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title != null ? title : defaultTitle(status));
        problem.setType(BLANK);
        return problem;
    }

    /** A problem about one field: {@code field} and a one-entry {@code errors}. */
    public static ProblemDetail of(HttpStatusCode status, String title, String detail, String field) {
        return field == null ? of(status, title, detail)
                : withErrors(of(status, title, detail), List.of(new ProblemField(field, detail)));
    }

    /** {@code 400 Invalid request} about one field. */
    public static ProblemDetail invalid(String field, String detail) {
        return of(HttpStatus.BAD_REQUEST, "Invalid request", detail, field);
    }

    /** Sets {@code field} to the first field at fault and {@code errors} to all of them (none: leaves both unset). */
    public static ProblemDetail withErrors(ProblemDetail problem, List<ProblemField> errors) {
        if (errors.isEmpty()) {
            return problem;
        }
        List<Map<String, String>> entries = new ArrayList<>();
        for (ProblemField error : errors) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("field", error.field());
            entry.put("message", error.message());
            entries.add(entry);
        }
        problem.setProperty(FIELD, errors.get(0).field());
        problem.setProperty(ERRORS, entries);
        return problem;
    }

    /** The problem as a response with its status and {@code Content-Type: application/problem+json}. */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The problem's JSON members in order, for writers outside Spring MVC (filters, security handlers). */
    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", (problem.getType() != null ? problem.getType() : BLANK).toString());
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            json.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            json.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        return json;
    }

    /**
     * Writes the problem as the response body, with its status, from a filter or a security handler (where no
     * message converter runs).
     */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(EventJson.mapper().writeValueAsString(toMap(problem)));
    }

    static String defaultTitle(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error " + status.value();
    }
}
