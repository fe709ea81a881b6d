package io.pulseloop.survey.email;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sender of the invitation emails ({@code pulseloop.survey.email.*}).
 *
 * @param from    the {@code From} address, e.g. {@code Acme Surveys <surveys@acme.example>}
 * @param replyTo the {@code Reply-To} address, or none
 */
@Validated
@ConfigurationProperties("pulseloop.survey.email")
public record EmailProperties(
        @NotBlank @DefaultValue("Pulseloop Surveys <surveys@pulseloop.local>") String from,
        String replyTo) {
}
