package io.pulseloop.analytics.security;

import java.util.Arrays;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import io.pulseloop.platform.problem.Problems;
import io.pulseloop.platform.security.PulseloopSecurityProperties;
import io.pulseloop.platform.security.StaffJwtAuthenticationConverter;
import io.pulseloop.platform.security.StaffSecurityAutoConfiguration;

/**
 * {@code /api/v1/analytics/**}: the platform's staff API rule (bearer JWT; HTTP Basic {@code admin/admin} only in
 * profile {@code local}; {@code 401} problem+json without credentials), plus one thing the platform's stateless API
 * chain does not do: a staff member signed in to {@code /dashboard} (the platform's page chain, with a session) may
 * call the API from that page's script with the same session. The session is only read here, never created, and the
 * API is read-only ({@code GET}), so no CSRF token is involved. Everything else is the platform's.
 */
@Configuration
class AnalyticsApiSecurity {

    @Bean
    @Order(StaffSecurityAutoConfiguration.PAGES_ORDER - 10)
    SecurityFilterChain analyticsApiSecurityFilterChain(HttpSecurity http, Environment environment,
            PulseloopSecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        boolean local = Arrays.asList(environment.getActiveProfiles()).contains("local");
        http.securityMatcher("/api/v1/analytics/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        if (local) {
            AuthenticationEntryPoint basic = problem((request, response, failure) ->
                    response.setHeader("WWW-Authenticate", "Basic realm=\"Pulseloop\""));
            http.httpBasic(basicAuth -> basicAuth.authenticationEntryPoint(basic))
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(basic));
        } else if (jwtDecoder.getIfAvailable() != null) {
            AuthenticationEntryPoint bearer = problem(uniformBearer(new BearerTokenAuthenticationEntryPoint()));
            http.oauth2ResourceServer(oauth -> oauth
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(new StaffJwtAuthenticationConverter(
                                    properties.ownerIdClaim(), properties.rolesClaim())))
                            .authenticationEntryPoint(bearer))
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(bearer));
        }
        return http.build();
    }

    /**
     * Every refused bearer token challenged alike, as the platform's chain does: which check refused it (signature,
     * algorithm, expiry, issuer, claims) would only help someone forging tokens.
     */
    private static AuthenticationEntryPoint uniformBearer(AuthenticationEntryPoint standard) {
        return (request, response, failure) -> {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            boolean bearerSent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            standard.commence(request, response,
                    bearerSent ? new InvalidBearerTokenException("The bearer token is not valid") : failure);
        };
    }

    /** The challenge header of {@code challenge}, then a {@code 401} problem+json body like the platform's. */
    private static AuthenticationEntryPoint problem(AuthenticationEntryPoint challenge) {
        return (request, response, failure) -> {
            challenge.commence(request, response, failure);
            Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "Authentication is required for the staff API"));
        };
    }
}
