package io.pulseloop.analytics.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
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
 * The staff API ({@code /api/**}) and the dashboard need an authenticated user; health, metrics, the OpenAPI
 * document and the dashboard's static scripts do not. In production the
 * user comes from an OAuth2 bearer JWT whose {@code roles} claim holds {@code ADMIN}, {@code MANAGER} or
 * {@code AGENT} (issuer from {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}); in the
 * {@code local} profile, and only there, HTTP Basic {@code admin}/{@code admin}.
 */
@Configuration
class StaffSecurityConfiguration {

    @Bean
    @Profile("!local")
    SecurityFilterChain jwtStaffApi(HttpSecurity http) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter jwt = new JwtAuthenticationConverter();
        jwt.setJwtGrantedAuthoritiesConverter(roles);
        return common(http)
                .oauth2ResourceServer(oauth -> oauth.jwt(config -> config.jwtAuthenticationConverter(jwt)))
                .build();
    }

    @Bean
    @Profile("local")
    SecurityFilterChain basicStaffApi(HttpSecurity http) throws Exception {
        return common(http).httpBasic(Customizer.withDefaults()).build();
    }

    @Bean
    @Profile("local")
    UserDetailsService localAdmin() {
        return new InMemoryUserDetailsManager(User.withUsername("admin").password("{noop}admin")
                .roles("ADMIN").build());
    }

    private static HttpSecurity common(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // stateless bearer/basic API: no browser session to protect
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // the error page of a request that was already authorised (404, 400, ...)
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/webjars/**", "/dashboard/assets/**").permitAll()
                        .requestMatchers("/api/**", "/dashboard").authenticated()
                        .anyRequest().denyAll());
    }
}
