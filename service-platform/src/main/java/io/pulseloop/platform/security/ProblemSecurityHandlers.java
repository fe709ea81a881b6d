package io.pulseloop.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.pulseloop.platform.problem.Problems;

/**
 * {@code 401} and {@code 403} as {@code application/problem+json}: the standard handler first (it sets the status
 * and {@code WWW-Authenticate}), then the problem body, so an API client gets the same error shape as for any other
 * error.
 *
 * <p>Every refused bearer token gets one and the same answer, body and {@code WWW-Authenticate} header, whichever
 * check refused it (signature, algorithm, expiry, issuer, claims): telling a caller which check failed helps only
 * someone forging tokens. The reason goes to the log at DEBUG.
 */
final class ProblemSecurityHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private ProblemSecurityHandlers() {
    }

    static AuthenticationEntryPoint entryPoint(AuthenticationEntryPoint standard) {
        return (request, response, exception) -> {
            LOG.debug("refused the credential of {} {}: {}", request.getMethod(), request.getRequestURI(),
                    exception.getMessage());
            standard.commence(request, response, hasBearerToken(request)
                    ? new InvalidBearerTokenException("The bearer token is not valid") : exception);
            write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
                    "Send a valid staff credential.");
        };
    }

    private static boolean hasBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    static AccessDeniedHandler accessDenied(AccessDeniedHandler standard) {
        return (request, response, exception) -> {
            standard.handle(request, response, exception);
            write(request, response, HttpStatus.FORBIDDEN, "Forbidden", denied(exception));
        };
    }

    private static String denied(AccessDeniedException exception) {
        return "Your role does not allow this request";
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        Problems.write(response, Problems.of(status, title, detail, request.getRequestURI()));
    }
}
