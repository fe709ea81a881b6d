package io.pulseloop.survey.email;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sender of the invitation emails ({@code pulseloop.survey.email.*}).
 *
 * @param from    the {@code From} address, e.g. {@code Acme Surveys <surveys@acme.example>}
 * @param replyTo     the {@code Reply-To} address, or none
 * @param connections SMTP connections one batch of emails is spread over, in parallel
 */
@Validated
@ConfigurationProperties("pulseloop.survey.email")
public record EmailProperties(
        @NotBlank @DefaultValue("Pulseloop Surveys <surveys@pulseloop.local>") String from,
        String replyTo,
        @Min(1) @Max(32) @DefaultValue("8") int connections) {
}
