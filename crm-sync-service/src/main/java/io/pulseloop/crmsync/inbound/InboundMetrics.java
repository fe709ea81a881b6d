package io.pulseloop.crmsync.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The inbound pipeline's meters: {@code pulseloop.crmsync.inbound.events} (published canonical events, by CRM
 * type), {@code .duplicates} (by type), {@code .unknown-types}, {@code .dead-lettered} (by reason and field),
 * {@code .suppressed} (upserts of erased contacts) and {@code .batch} (time per batch).
 */
@Component
public class InboundMetrics {

    private static final String PREFIX = "pulseloop.crmsync.inbound.";

    private final MeterRegistry registry;
    private final Timer batch;

    InboundMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batch = Timer.builder(PREFIX + "batch").description("Time to process one batch from crm.inbound.v1")
                .register(registry);
    }

    void published(String type, int count) {
        counter("events", "CRM events turned into canonical events", "type", type).increment(count);
    }

    void duplicate(String type, int count) {
        counter("duplicates", "CRM events seen before (same source and id), skipped", "type", type).increment(count);
    }

    void unknownType() {
        Counter.builder(PREFIX + "unknown-types").description("CRM events of a type Pulseloop does not know, skipped")
                .register(registry).increment();
    }

    void suppressed(String type) {
        counter("suppressed", "CRM events not published because the contact was erased", "type", type).increment();
    }

    void deadLettered(String reason, String field) {
        Counter.builder(PREFIX + "dead-lettered").description("Poison records sent to crm.inbound.v1.dlq")
                .tag("reason", reason).tag("field", field == null ? "none" : field)
                .register(registry).increment();
    }

    Timer batchTimer() {
        return batch;
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(PREFIX + name).description(description).tag(tag, value).register(registry);
    }
}
