package io.pulseloop.response.security;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The public endpoints ({@code pulseloop.response}).
 *
 * @param corsAllowedOrigins the origins whose web widgets may call {@code POST /api/v1/responses} from a browser
 *                           (e.g. {@code https://app.example.com}); empty: none
 * @param maxRequestSize     the largest request body a public endpoint accepts ({@code 413} beyond)
 * @param publicBaseUrl      the base of the survey links in emails ({@code PULSELOOP_PUBLIC_BASE_URL}); its origin
 *                           counts as this service's own when a form post names its {@code Origin}
 */
@Validated
@ConfigurationProperties("pulseloop.response")
public record PublicWebProperties(
        @NotNull @DefaultValue List<String> corsAllowedOrigins,
        @NotNull @DefaultValue("64KB") DataSize maxRequestSize,
        String publicBaseUrl) {
}
