package io.pulseloop.response.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;

import io.pulseloop.response.intake.IntakeAdmission;
import io.pulseloop.response.intake.IntakeAdmissionFilter;
import io.pulseloop.response.ratelimit.ClientAddressRateLimitFilter;
import io.pulseloop.response.ratelimit.RateLimits;

/**
 * The public side: survey pages ({@code /s/**}), unsubscribe ({@code /u/**}), static assets and
 * {@code POST /api/v1/responses} need no staff login; the token in the URL is the respondent's credential.
 *
 * <ul>
 * <li>A strict Content-Security-Policy: no script at all, styles only from this origin's static CSS, forms post
 * only here, no framing; {@code Referrer-Policy: no-referrer} so the token in the URL never leaks.</li>
 * <li>CSRF tokens (double-submit cookie, so no server session and any replica can check it) on the page forms,
 * required from every request a browser marks as cross-site ({@link CrossSiteRequestMatcher}); plain clients
 * posting the contract's form fields need none. Exempt: the JSON API (no cookie carries authority there; CORS
 * limits browsers to configured origins) and exactly the RFC 8058 one-click unsubscribe POST.</li>
 * <li>Before security: a request size limit and a rate limit per client address.</li>
 * </ul>
 */
@Configuration
class PublicSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String API = "/api/v1/responses";

    @Bean
    @Order(1)
    SecurityFilterChain publicPages(HttpSecurity http, PublicWebProperties properties) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
        return http
                .securityMatcher("/s/**", "/u/**", "/css/**", "/favicon.ico", "/error", API)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .requireCsrfProtectionMatcher(new CrossSiteRequestMatcher(properties.publicBaseUrl()))
                        .ignoringRequestMatchers(paths.matcher(HttpMethod.POST, API), new OneClickUnsubscribeMatcher()))
                .addFilterAfter(new EagerCsrfCookieFilter(), CsrfFilter.class)
                .cors(cors -> cors.configurationSource(corsSource(properties.corsAllowedOrigins())))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .build();
    }

    private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(origins);
        api.setAllowedMethods(List.of("POST"));
        api.setAllowedHeaders(List.of("Content-Type", "Accept", "Accept-Language"));
        api.setExposedHeaders(List.of("Location", "Retry-After"));
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration(API, api);
        return source;
    }

    /**
     * Keeps observing authentications (staff logins) and every request as {@code http.server.requests}, but not
     * each filter and authorization decision: on the public intake those observations cost about a tenth of the
     * request CPU in the benchmark and say nothing that {@code http.server.requests} does not.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false)
                .shouldObserveAuthorizations(false).build();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(PublicWebProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestSize()));
        registration.setOrder(-120);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ClientAddressRateLimitFilter> clientAddressRateLimitFilter(RateLimits limits) {
        FilterRegistrationBean<ClientAddressRateLimitFilter> registration = new FilterRegistrationBean<>(
                new ClientAddressRateLimitFilter(limits));
        registration.setOrder(-110);
        return registration;
    }

    /** Answers are admitted right after the per-address limit, before Spring Security (-100) and everything else. */
    @Bean
    FilterRegistrationBean<IntakeAdmissionFilter> intakeAdmissionFilter(IntakeAdmission admission) {
        FilterRegistrationBean<IntakeAdmissionFilter> registration = new FilterRegistrationBean<>(
                new IntakeAdmissionFilter(admission));
        registration.setOrder(-105);
        return registration;
    }

    /**
     * Creates the CSRF token (and its cookie) before a page renders, so the cookie header is set while the
     * response is still uncommitted; Spring Security would otherwise create it lazily, mid-render.
     */
    static final class EagerCsrfCookieFilter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return !(path.startsWith("/s/") || path.startsWith("/u/"));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
