package io.pulseloop.platform.problem;

/**
 * One thing wrong with a request, an entry of a problem's {@code errors[]}.
 *
 * @param field   the request field at fault: a dotted JSON path ({@code trigger.delay}, {@code items[2].score}), a
 *                query/path parameter name, a header name, or {@code body} for the body as a whole
 * @param message what is wrong with it, for a human
 */
public record ProblemField(String field, String message) {
}
