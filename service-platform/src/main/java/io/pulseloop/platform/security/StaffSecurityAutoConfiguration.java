package io.pulseloop.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Staff security for every service (contract §7), replacing one configuration class per service.
 *
 * <ul>
 * <li>Open: {@code /actuator/health/**}, {@code /actuator/info}, {@code /actuator/prometheus}, {@code /v3/api-docs/**},
 * error dispatches (so an authorised request that ends in 404 answers 404, not 403), and the service's
 * {@code pulseloop.security.public-paths}.</li>
 * <li>{@code /api/**}: authenticated, stateless, no CSRF (no cookie carries authority). Outside the {@code local}
 * profile by OAuth2 bearer JWTs of {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}; in {@code local},
 * and only there, by HTTP Basic {@code admin}/{@code admin} (role ADMIN, owner id {@code admin}). Missing or invalid
 * credentials answer {@code 401}, a role without the right {@code 403}, both as problem+json.</li>
 * <li>{@code pulseloop.security.page-paths} (staff HTML pages): a session, CSRF tokens on forms; in {@code local}
 * a login form and HTTP Basic, elsewhere OAuth2 login when a client registration is configured
 * ({@code spring.security.oauth2.client.registration.*}), and bearer tokens in any case.</li>
 * <li>Everything else: denied.</li>
 * </ul>
 *
 * A service adds request rules with {@link StaffAuthorizationCustomizer} beans, and may put a chain of its own
 * (with a {@code securityMatcher} and a lower {@code @Order}) in front, as response-service does for its public
 * survey pages.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
    UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
    OAuth2ClientWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnBooleanProperty(name = "pulseloop.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PulseloopSecurityProperties.class)
public class StaffSecurityAutoConfiguration {

    /** The order of the staff pages' chain; a service's own chains go before it (lower numbers). */
    public static final int PAGES_ORDER = 2_000_000_000;
    /** The order of the API chain, which matches every request the chains before it did not. */
    public static final int API_ORDER = PAGES_ORDER + 10;

    /** The profile in which HTTP Basic admin/admin replaces JWTs. */
    public static final String LOCAL_PROFILE = "local";

    static final String[] OPEN_PATHS = {"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml"};

    private static final String[] LOGIN_PATHS = {"/login", "/logout", "/oauth2/**", "/login/oauth2/**"};

    @Bean
    @Order(API_ORDER)
    @ConditionalOnMissingBean(name = "staffApiSecurityFilterChain")
    SecurityFilterChain staffApiSecurityFilterChain(HttpSecurity http, PulseloopSecurityProperties properties,
            Environment environment, ObjectProvider<StaffAuthorizationCustomizer> customizers,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> {
                    open(requests, properties);
                    customizers.orderedStream().forEach(customizer -> customizer.customize(requests));
                    requests.requestMatchers("/api/**").authenticated().anyRequest().denyAll();
                });
        if (isLocal(environment)) {
            AuthenticationEntryPoint basic = ProblemSecurityHandlers.entryPoint(basicEntryPoint());
            http.httpBasic(basicAuth -> basicAuth.authenticationEntryPoint(basic))
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(basic)
                            .accessDeniedHandler(ProblemSecurityHandlers.accessDenied(new AccessDeniedHandlerImpl())));
        } else {
            bearer(http, properties, jwtDecoder);
        }
        return http.build();
    }

    @Bean
    @Order(PAGES_ORDER)
    @Conditional(OnStaffPagesCondition.class)
    @ConditionalOnMissingBean(name = "staffPagesSecurityFilterChain")
    SecurityFilterChain staffPagesSecurityFilterChain(HttpSecurity http, PulseloopSecurityProperties properties,
            Environment environment, ObjectProvider<StaffAuthorizationCustomizer> customizers,
            ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<ClientRegistrationRepository> clients)
            throws Exception {
        List<RequestMatcher> pages = properties.pagePaths().stream().map(StaffSecurityAutoConfiguration::matcher)
                .toList();
        List<RequestMatcher> matched = new ArrayList<>(pages);
        for (String login : LOGIN_PATHS) {
            matched.add(PathPatternRequestMatcher.withDefaults().matcher(login));
        }
        http.securityMatcher(new OrRequestMatcher(matched))
                // a session and CSRF tokens: the pages' forms are posted by browsers carrying the session cookie
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .authorizeHttpRequests(requests -> {
                    open(requests, properties);
                    customizers.orderedStream().forEach(customizer -> customizer.customize(requests));
                    requests.anyRequest().authenticated();
                });
        if (isLocal(environment)) {
            http.formLogin(form -> form.permitAll()).httpBasic(basic -> basic.realmName("Pulseloop"));
        } else {
            ClientRegistrationRepository registrations = clients.getIfAvailable();
            if (registrations != null) {
                http.oauth2Login(login -> login.userInfoEndpoint(userInfo -> userInfo
                        .oidcUserService(new StaffOidcUserService(properties.ownerIdClaim(), properties.rolesClaim()))));
            }
            bearer(http, properties, jwtDecoder);
        }
        return http.build();
    }

    @Bean
    @Profile(LOCAL_PROFILE)
    @ConditionalOnMissingBean(UserDetailsService.class)
    UserDetailsService localStaffAdmin() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                User.withUsername("admin").password("{noop}admin").roles("ADMIN").build());
        // a plain UserDetailsService, not the manager: the manager is also a UserDetailsPasswordService, so Spring
        // Security "upgraded" the password to BCrypt after the first login, and every later Basic request then cost a
        // BCrypt hash (92 % of closed-loop's and analytics' CPU while the benchmark polled their APIs, issue 10)
        return users::loadUserByUsername;
    }

    @Bean
    WebMvcConfigurer staffMemberArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new StaffMemberArgumentResolver());
            }
        };
    }

    private static void open(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            PulseloopSecurityProperties properties) {
        requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(OPEN_PATHS).permitAll();
        for (String path : properties.publicPaths()) {
            requests.requestMatchers(matcher(path)).permitAll();
        }
    }

    private static void bearer(HttpSecurity http, PulseloopSecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        if (jwtDecoder.getIfAvailable() == null) {
            throw new IllegalStateException("Staff authentication needs the JWT issuer: set PULSELOOP_JWT_ISSUER_URI "
                    + "(spring.security.oauth2.resourceserver.jwt.issuer-uri), or run with the 'local' profile");
        }
        AuthenticationEntryPoint entryPoint = ProblemSecurityHandlers.entryPoint(new BearerTokenAuthenticationEntryPoint());
        AccessDeniedHandler denied = ProblemSecurityHandlers.accessDenied(new BearerTokenAccessDeniedHandler());
        http.oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new StaffJwtAuthenticationConverter(properties.ownerIdClaim(), properties.rolesClaim())))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(denied));
    }

    /** The Basic challenge header only; {@link BasicAuthenticationEntryPoint} would send an error page instead of the problem. */
    private static AuthenticationEntryPoint basicEntryPoint() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Pulseloop\"");
            response.setStatus(401);
        };
    }

    private static boolean isLocal(Environment environment) {
        return environment.matchesProfiles(LOCAL_PROFILE);
    }

    /** {@code /s/**} or {@code POST /api/v1/crm/webhooks}: a path pattern, optionally after an HTTP method. */
    public static RequestMatcher matcher(String declaration) {
        String trimmed = declaration.trim();
        int space = trimmed.indexOf(' ');
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        if (space < 0) {
            return paths.matcher(trimmed);
        }
        String method = trimmed.substring(0, space).toUpperCase(Locale.ROOT);
        return paths.matcher(HttpMethod.valueOf(method), trimmed.substring(space + 1).trim());
    }

}
