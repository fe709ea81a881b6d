package io.pulseloop.analytics.signals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.topic.Topics;

/**
 * Publishes signals on {@code analytics.signals.v1}, keyed by contact id, and returns only once Kafka acknowledged
 * them ({@code acks=all}, idempotent producer). A failure throws, so the score event is retried and the state that
 * raised the signal is not saved before the signal is out.
 */
@Component
class SignalPublisher {

    private static final long TIMEOUT_SECONDS = 10;

    private final KafkaTemplate<String, String> kafka;
    private final MeterRegistry meters;

    SignalPublisher(KafkaTemplate<String, String> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    void publish(List<SignalEvent> signals) {
        if (signals.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] sends = new CompletableFuture<?>[signals.size()];
        for (int i = 0; i < sends.length; i++) {
            SignalEvent signal = signals.get(i);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ANALYTICS_SIGNALS, signal.contactId(),
                    EventJson.mapper().writerFor(SignalEvent.class).writeValueAsString(signal));
            String type = signal.getClass().getSimpleName();
            record.headers().add("eventType", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
            sends[i] = kafka.send(record);
            meters.counter("pulseloop.analytics.signals.published", "type", type).increment();
        }
        try {
            CompletableFuture.allOf(sends).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing signals", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("Kafka did not acknowledge " + signals.size() + " signal(s)", failed);
        }
    }
}
