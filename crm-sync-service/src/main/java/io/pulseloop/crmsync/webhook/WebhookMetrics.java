package io.pulseloop.crmsync.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The webhook's meters: {@code pulseloop.crmsync.webhook.rejections} (requests refused, by reason),
 * {@code .accepted} (requests answered 202) and {@code .events} (events in accepted requests, by outcome:
 * forwarded, duplicate, unknown-type).
 */
@Component
class WebhookMetrics {

    private static final String PREFIX = "pulseloop.crmsync.webhook.";

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rejected(String reason) {
        Counter.builder(PREFIX + "rejections").description("Webhook requests refused, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void accepted() {
        Counter.builder(PREFIX + "accepted").description("Webhook requests accepted (202)").register(registry)
                .increment();
    }

    void events(String outcome, int count) {
        if (count > 0) {
            Counter.builder(PREFIX + "events").description("CRM events received by webhook, by outcome")
                    .tag("outcome", outcome).register(registry).increment(count);
        }
    }
}
