package io.pulseloop.response.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches exactly the RFC 8058 one-click unsubscribe: {@code POST /u/{token}} with the form body
 * {@code List-Unsubscribe=One-Click}. Mail providers send it without cookies or a CSRF token, so it is the one
 * form POST exempt from CSRF protection; it can do nothing but unsubscribe, which is what it asks for.
 */
final class OneClickUnsubscribeMatcher implements RequestMatcher {

    private final RequestMatcher path = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/u/{token}");

    @Override
    public boolean matches(HttpServletRequest request) {
        return path.matches(request) && "One-Click".equals(request.getParameter("List-Unsubscribe"));
    }
}
