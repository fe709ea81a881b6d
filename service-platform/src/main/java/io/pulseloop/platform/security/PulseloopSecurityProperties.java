package io.pulseloop.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff security settings ({@code pulseloop.security}). The issuer is Spring's own
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} ({@code PULSELOOP_JWT_ISSUER_URI}).
 *
 * @param enabled       {@code false} leaves security entirely to the service (no platform filter chains)
 * @param ownerIdClaim  the JWT claim holding the staff member's CRM owner id (contract §7: {@code sub})
 * @param rolesClaim    the JWT claim holding the roles {@code ADMIN}, {@code MANAGER}, {@code AGENT}
 * @param publicPaths   paths open without authentication, e.g. {@code POST /api/v1/crm/webhooks} or {@code /s/**}:
 *                      a path pattern, optionally preceded by an HTTP method and a space
 * @param pagePaths     staff HTML pages, e.g. {@code /inbox/**}: session-based with CSRF-protected forms; HTTP Basic
 *                      or a login form in {@code local}, OAuth2 login (when a client registration is configured) or
 *                      bearer tokens elsewhere
 */
@ConfigurationProperties("pulseloop.security")
public record PulseloopSecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("sub") String ownerIdClaim,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue List<String> publicPaths,
        @DefaultValue List<String> pagePaths) {
}
