package io.pulseloop.closedloop.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.platform.security.StaffAuthorizationCustomizer;

/** The task API and the inbox need one of the staff roles; a token without one answers {@code 403}. */
@Configuration(proxyBeanMethods = false)
class StaffRoles {

    @Bean
    StaffAuthorizationCustomizer staffRolesForTasks() {
        return requests -> requests.requestMatchers("/api/**", "/inbox", "/inbox/**")
                .hasAnyRole("ADMIN", "MANAGER", "AGENT");
    }
}
