package io.pulseloop.response.intake;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.pulseloop.response.ratelimit.ClientAddressRateLimitFilter;

/**
 * Admits every request that records an answer through {@link IntakeAdmission} before anything else is done for it:
 * {@code POST /api/v1/responses}, {@code POST /s/{token}} and {@code GET /s/{token}?score=N}. A plain page view or a
 * {@code HEAD} records nothing and is not counted. The permit is released when the request completes.
 *
 * <p><b>Why a servlet filter, first in line.</b> It runs right after the per-address limit, before Spring Security,
 * the dispatcher, the body and the invitation lookup. Overload is where shedding must be cheapest: measured as users
 * run it (issue 10), a refusal from a handler interceptor had already paid for the security chain and the dispatch,
 * and at three times the capacity those refusals took the CPU the admitted answers needed; requests then queued for
 * Tomcat's threads for seconds, and the {@code 503}s were no longer fast. The refusal is written here: problem+json for
 * the JSON API, the localized error page ({@code templates/error/503.html}) for a survey link.
 */
public class IntakeAdmissionFilter extends OncePerRequestFilter {

    private static final String API = "/api/v1/responses";

    private final IntakeAdmission admission;

    public IntakeAdmissionFilter(IntakeAdmission admission) {
        this.admission = admission;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean intake = path.equals(API) || (path.startsWith("/s/") && path.indexOf('/', 3) < 0);
        return !intake || !recordsAnAnswer(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IntakeAdmission.Permit permit;
        try {
            permit = admission.admit();
        }
        catch (IntakeBusyException busy) {
            refuse(request, response, busy);
            return;
        }
        try (permit) {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, IntakeBusyException busy)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        if (request.getRequestURI().endsWith(API)) {
            ClientAddressRateLimitFilter.writeProblem(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                    busy.getMessage(), Map.of("field", "token", "errors",
                            List.of(Map.of("field", "token", "message", busy.getMessage())), "retryAfterSeconds", 1));
        }
        else {
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
        }
    }

    private static boolean recordsAnAnswer(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || ("GET".equals(method) && request.getParameter("score") != null);
    }
}
