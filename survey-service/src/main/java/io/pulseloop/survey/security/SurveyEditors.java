package io.pulseloop.survey.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.pulseloop.platform.security.StaffAuthorizationCustomizer;

/**
 * survey-service's one rule on top of the platform's staff security: anyone authenticated may read, but changing
 * survey definitions takes {@code ADMIN} or {@code MANAGER}.
 */
@Configuration(proxyBeanMethods = false)
class SurveyEditors {

    @Bean
    StaffAuthorizationCustomizer surveyDefinitionsTakeAnEditor() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                .requestMatchers("/api/v1/surveys", "/api/v1/surveys/**").hasAnyRole("ADMIN", "MANAGER");
    }
}
