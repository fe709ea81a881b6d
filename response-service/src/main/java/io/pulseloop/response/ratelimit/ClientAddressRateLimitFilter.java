package io.pulseloop.response.ratelimit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
        problem.put("detail", "Too many requests " + refused.limit() + "; retry after "
                + refused.retryAfterSeconds() + " seconds.");
        problem.put("instance", request.getRequestURI());
        problem.put("limit", refused.limit());
        problem.put("retryAfterSeconds", refused.retryAfterSeconds());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(EventJson.mapper().writeValueAsString(problem));
    }
}
