package io.pulseloop.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own request rules, added to the platform's staff security before its defaults ({@code /api/**}
 * authenticated, staff pages authenticated, everything else denied). The first matching rule wins, so a rule here
 * can narrow the defaults, e.g. only ADMIN and MANAGER may change survey definitions:
 *
 * <pre>{@code
 * @Bean
 * StaffAuthorizationCustomizer surveyEditors() {
 *     return requests -> requests
 *             .requestMatchers(HttpMethod.GET, "/api/v1/surveys/**").authenticated()
 *             .requestMatchers("/api/v1/surveys", "/api/v1/surveys/**").hasAnyRole("ADMIN", "MANAGER");
 * }
 * }</pre>
 *
 * Health, info, Prometheus, OpenAPI, error dispatches and {@code pulseloop.security.public-paths} are decided
 * before these rules and cannot be closed by them. Rules that depend on the data (an agent sees only their own
 * tasks) belong in the service's code, with {@link StaffMember}.
 */
@FunctionalInterface
public interface StaffAuthorizationCustomizer {

    void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

    /**
     * Opens paths without authentication, declared in code instead of {@code pulseloop.security.public-paths}:
     * {@code publicPaths("POST /api/v1/crm/webhooks")}. Each declaration is a path pattern, optionally preceded by an
     * HTTP method and a space.
     */
    static StaffAuthorizationCustomizer publicPaths(String... declarations) {
        return requests -> {
            for (String declaration : declarations) {
                requests.requestMatchers(StaffSecurityAutoConfiguration.matcher(declaration)).permitAll();
            }
        };
    }
}
