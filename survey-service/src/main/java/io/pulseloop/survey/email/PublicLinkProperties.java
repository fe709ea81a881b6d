package io.pulseloop.survey.email;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The base of every link in an email ({@code pulseloop.public-base-url}, from {@code PULSELOOP_PUBLIC_BASE_URL}): the
 * public address of response-service, e.g. {@code https://feedback.acme.example}.
 */
@Validated
@ConfigurationProperties("pulseloop")
public record PublicLinkProperties(
        @NotBlank @Pattern(regexp = "https?://\\S+") @DefaultValue("http://localhost:8082") String publicBaseUrl) {
}
