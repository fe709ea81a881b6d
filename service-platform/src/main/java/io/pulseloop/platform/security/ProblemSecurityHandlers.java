package io.pulseloop.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.pulseloop.platform.problem.Problems;

/**
 * {@code 401} and {@code 403} as {@code application/problem+json}: the standard handler first (it sets the status
 * and {@code WWW-Authenticate}), then the problem body, so an API client gets the same error shape as for any other
 * error. The body never says why a token was refused beyond what the standard header says.
 */
final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {
    }

    static AuthenticationEntryPoint entryPoint(AuthenticationEntryPoint standard) {
        return (request, response, exception) -> {
            standard.commence(request, response, exception);
            write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
                    "Send a valid staff credential: " + hint(exception));
        };
    }

    static AccessDeniedHandler accessDenied(AccessDeniedHandler standard) {
        return (request, response, exception) -> {
            standard.handle(request, response, exception);
            write(request, response, HttpStatus.FORBIDDEN, "Forbidden", denied(exception));
        };
    }

    private static String hint(AuthenticationException exception) {
        return exception.getMessage() == null ? "none was accepted" : exception.getMessage();
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
