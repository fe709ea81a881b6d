package io.pulseloop.crmsync.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The webhook's settings ({@code pulseloop.crm.*}).
 *
 * @param webhookSecret  the secret CRMs sign with ({@code PULSELOOP_CRM_WEBHOOK_SECRET}); without any secret every
 *                       webhook request is answered {@code 503}
 * @param webhookSecrets further accepted secrets while one is rotated ({@code PULSELOOP_CRM_WEBHOOK_SECRETS},
 *                       comma-separated)
 * @param webhook        limits
 */
@Validated
@ConfigurationProperties("pulseloop.crm")
public record WebhookProperties(String webhookSecret, List<String> webhookSecrets,
        @Valid @NotNull @DefaultValue Webhook webhook) {

    /** Every configured secret, blank ones left out. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (webhookSecret != null && !webhookSecret.isBlank()) {
            secrets.add(webhookSecret.trim());
        }
        if (webhookSecrets != null) {
            webhookSecrets.stream().filter(secret -> secret != null && !secret.isBlank()).map(String::trim)
                    .filter(secret -> !secrets.contains(secret)).forEach(secrets::add);
        }
        return secrets;
    }

    /**
     * @param tolerance  how far {@code X-Pulseloop-Timestamp} may be from now, either way, before it is a replay
     * @param maxBody    the largest body accepted (contract: 1 MiB)
     */
    public record Webhook(@NotNull @DefaultValue("5m") Duration tolerance,
            @NotNull @DefaultValue("1MB") DataSize maxBody) {
    }
}
