package io.pulseloop.response.ratelimit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.pulseloop.events.json.EventJson;

/**
 * Counts every request to a public endpoint (survey pages, unsubscribe, the JSON intake) against its client
 * address and answers {@code 429} with {@code Retry-After} when the address is over its limit (problem+json, or the
 * localized error page for a browser asking for HTML). The
 * address is {@link HttpServletRequest#getRemoteAddr()}: behind a proxy, set {@code server.forward-headers-strategy}
 * so that it is the client's, not the proxy's.
 */
public class ClientAddressRateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;

    public ClientAddressRateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/s/") || path.startsWith("/u/") || path.equals("/api/v1/responses"))
                || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            limits.checkAddress(request.getRemoteAddr());
        }
        catch (RateLimitedException refused) {
            if (wantsPage(request)) {
                // a person in a browser: the localized error page (templates/error/429.html)
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
                response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
            }
            else {
                writeTooManyRequests(request, response, refused);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html") && !request.getRequestURI().startsWith("/api/");
    }

    /** Writes the {@code 429} answer: problem+json with {@code Retry-After}. */
    public static void writeTooManyRequests(HttpServletRequest request, HttpServletResponse response,
            RateLimitedException refused) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        writeProblem(request, response, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(),
                "Too many requests " + refused.limit() + "; retry after " + refused.retryAfterSeconds() + " seconds.",
                Map.of("limit", refused.limit(), "retryAfterSeconds", refused.retryAfterSeconds()));
    }

    /**
     * Writes a problem+json answer from a servlet filter, where the MVC exception handlers do not reach: {@code type},
     * {@code title}, {@code status}, {@code detail}, {@code instance}, then {@code properties}.
     */
    public static void writeProblem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String title, String detail, Map<String, ?> properties) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.putAll(new TreeMap<>(properties));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(EventJson.mapper().writeValueAsString(problem));
    }
}
