package io.pulseloop.closedloop.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Staff security until service-platform's auto-configuration lands (contract §7). The staff API ({@code /api/**})
 * and the task inbox ({@code /inbox/**}) need a staff role ({@code ADMIN}, {@code MANAGER}, {@code AGENT}); health,
 * Prometheus and the OpenAPI document do not. Production: OAuth2 bearer JWTs, roles in the {@code roles} claim
 * (issuer from {@code PULSELOOP_JWT_ISSUER_URI}). The {@code local} profile, and only it, adds HTTP Basic
 * {@code admin}/{@code admin}. The inbox's forms are protected by CSRF tokens (cookie-held, so no session is needed).
 */
@Configuration
class StaffSecurityConfiguration {

    private static final String[] STAFF_ROLES = {"ADMIN", "MANAGER", "AGENT"};

    @Bean
    @Order(1)
    SecurityFilterChain staffPages(HttpSecurity http, Environment environment) throws Exception {
        http.securityMatcher("/inbox/**", "/inbox")
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().hasAnyRole(STAFF_ROLES))
                .csrf(csrf -> csrf.csrfTokenRepository(
                        org.springframework.security.web.csrf.CookieCsrfTokenRepository.withHttpOnlyFalse()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return authentication(http, environment).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain staffApi(HttpSecurity http, Environment environment) throws Exception {
        http.csrf(csrf -> csrf.disable()) // stateless bearer/basic API: no browser session to protect
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // the error page of a request that was already authorised (404, 400, ...)
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/api/**").hasAnyRole(STAFF_ROLES)
                        .anyRequest().denyAll());
        return authentication(http, environment).build();
    }

    @Bean
    @Profile("local")
    UserDetailsService localAdmin() {
        return new InMemoryUserDetailsManager(User.withUsername("admin").password("{noop}admin")
                .roles("ADMIN").build());
    }

    private static HttpSecurity authentication(HttpSecurity http, Environment environment) throws Exception {
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            return http.httpBasic(Customizer.withDefaults());
        }
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter jwt = new JwtAuthenticationConverter();
        jwt.setJwtGrantedAuthoritiesConverter(roles);
        String ownerClaim = environment.getProperty("pulseloop.security.owner-id-claim", "sub");
        jwt.setPrincipalClaimName(ownerClaim);
        return http.oauth2ResourceServer(oauth -> oauth.jwt(config -> config.jwtAuthenticationConverter(jwt)));
    }
}
