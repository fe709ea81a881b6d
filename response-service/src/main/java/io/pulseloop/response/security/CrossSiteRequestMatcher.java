package io.pulseloop.response.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches the state-changing requests a browser says come from another site: {@code Sec-Fetch-Site} other than
 * {@code same-origin} / {@code none}, or, from browsers that do not send it, an {@code Origin} that is not this
 * service's own (nor {@code PULSELOOP_PUBLIC_BASE_URL}'s). Only those must carry the page's CSRF token.
 *
 * <p>Why not every POST: the contract (§5) lets any client post {@code score} and {@code comment} to
 * {@code /s/{token}}, and the unguessable token in the path is already the respondent's credential, which a forging
 * site cannot know. What remains to defend is a browser tricked by another site, and browsers mark exactly those
 * requests; they still need a token that another site can neither read nor obtain (SameSite cookie).
 */
final class CrossSiteRequestMatcher implements RequestMatcher {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String publicOrigin;

    /** @param publicBaseUrl the public base URL of the survey links, or blank when not configured */
    CrossSiteRequestMatcher(String publicBaseUrl) {
        this.publicOrigin = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : origin(URI.create(publicBaseUrl));
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String normalised = origin.toLowerCase(Locale.ROOT);
        return !normalised.equals(ownOrigin(request)) && !normalised.equals(publicOrigin);
    }

    private static String ownOrigin(HttpServletRequest request) {
        return origin(URI.create(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()));
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
