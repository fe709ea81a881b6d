package io.pulseloop.closedloop.alerts;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alert settings ({@code pulseloop.alerts.*}).
 *
 * @param inboxBaseUrl      base of task links ({@code PULSELOOP_INBOX_BASE_URL}, default {@code http://localhost:8084})
 * @param from              the sender of alert emails
 * @param webhookUrl        the contract's single webhook endpoint ({@code PULSELOOP_ALERTS_WEBHOOK_URL}); empty = none
 * @param webhookFormat     {@code slack} or {@code teams} for {@code webhookUrl}
 * @param webhookSecret     HMAC secret for {@code webhookUrl} ({@code PULSELOOP_ALERTS_WEBHOOK_SECRET})
 * @param webhooks          further endpoints, each with its own format and secret
 * @param perEndpointInterval at most one message per this interval per endpoint
 * @param firstRetry        backoff after the first failed try, doubled each time up to {@code maxRetry}
 * @param requestTimeout    how long one webhook post may take
 * @param pollInterval      how often due deliveries are looked for
 * @param digestTime        local time (calendar zone) after which each manager's daily digest goes out, working days
 * @param digestEnabled     whether managers get the daily digest
 */
@Validated
@ConfigurationProperties("pulseloop.alerts")
public record AlertProperties(
        @NotNull @DefaultValue("http://localhost:8084") String inboxBaseUrl,
        @NotNull @DefaultValue("pulseloop@localhost") String from,
        @DefaultValue("") String webhookUrl,
        @DefaultValue("slack") String webhookFormat,
        @DefaultValue("") String webhookSecret,
        @DefaultValue List<Endpoint> webhooks,
        @NotNull @DefaultValue("PT1S") Duration perEndpointInterval,
        @NotNull @DefaultValue("PT2S") Duration firstRetry,
        @NotNull @DefaultValue("PT10M") Duration maxRetry,
        @NotNull @DefaultValue("PT5S") Duration requestTimeout,
        @NotNull @DefaultValue("PT0.5S") Duration pollInterval,
        @NotNull @DefaultValue("07:30") LocalTime digestTime,
        @DefaultValue("true") boolean digestEnabled) {

    /**
     * One webhook endpoint.
     *
     * @param name   stable name, part of each delivery's id
     * @param format {@code slack} (JSON with {@code text} and {@code blocks}) or {@code teams} (Adaptive Card)
     */
    public record Endpoint(String name, String url, @DefaultValue("slack") String format, String secret) {
    }

    /** Every configured endpoint, the contract's {@code webhook-url} first (named {@code default}). */
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            all.add(new Endpoint("default", webhookUrl, webhookFormat, webhookSecret));
        }
        all.addAll(webhooks);
        return all;
    }

    /** The link to a task's page in the inbox. */
    public String taskLink(String taskId) {
        String base = inboxBaseUrl.endsWith("/") ? inboxBaseUrl.substring(0, inboxBaseUrl.length() - 1) : inboxBaseUrl;
        return base + "/inbox/tasks/" + java.net.URLEncoder.encode(taskId, java.nio.charset.StandardCharsets.UTF_8);
    }
}
