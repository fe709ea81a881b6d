package io.pulseloop.response.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import io.pulseloop.platform.problem.Problems;

/**
 * Refuses request bodies on the public endpoints that are larger than {@code pulseloop.response.max-request-size}
 * ({@code 413}) or that do not say their length ({@code 411}), before anything reads them. A survey answer is a
 * score and at most 5,000 characters of comment; nothing legitimate comes close to the limit.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestSizeLimitFilter(DataSize maxRequestSize) {
        this.maxBytes = maxRequestSize.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/s/") || path.startsWith("/u/") || path.equals("/api/v1/responses"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            reject(request, response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the "
                    + maxBytes + " bytes accepted here.");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            reject(request, response, HttpStatus.LENGTH_REQUIRED,
                    "Send the request body with a Content-Length header.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String detail) throws IOException {
        ProblemDetail problem = Problems.of(status, status.getReasonPhrase(), detail, "body");
        problem.setInstance(URI.create(request.getRequestURI()));
        Problems.write(response, problem);
    }
}
