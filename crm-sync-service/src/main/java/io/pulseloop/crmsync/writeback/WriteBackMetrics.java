package io.pulseloop.crmsync.writeback;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The write-back's meters: {@code pulseloop.crmsync.writeback.requests} (a timer of every HTTP call to the CRM, by
 * outcome: its latency), {@code .deliveries} (what became of each delivery of a contact's pending updates, by
 * outcome), {@code .updates} (property values recorded for write-back) and {@code .pending} (contacts with updates
 * the CRM has not received). The circuit breaker's state is Resilience4j's own
 * {@code resilience4j.circuitbreaker.state{name="crm"}}.
 */
@Component
class WriteBackMetrics {

    private static final String PREFIX = "pulseloop.crmsync.writeback.";

    private final MeterRegistry registry;

    WriteBackMetrics(MeterRegistry registry, WriteBackOutbox outbox) {
        this.registry = registry;
        Gauge.builder(PREFIX + "pending", outbox, WriteBackOutbox::pendingContacts)
                .description("Contacts with updates the CRM has not received yet").register(registry);
    }

    void request(String outcome, Duration took) {
        Timer.builder(PREFIX + "requests").description("HTTP calls to the CRM, with their latency")
                .tag("outcome", outcome).publishPercentileHistogram().register(registry).record(took);
    }

    void delivery(String outcome) {
        Counter.builder(PREFIX + "deliveries").description("Deliveries of a contact's pending updates, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    void updates(String source, int count) {
        Counter.builder(PREFIX + "updates").description("Property values recorded for write-back, by source topic")
                .tag("source", source).register(registry).increment(count);
    }
}
