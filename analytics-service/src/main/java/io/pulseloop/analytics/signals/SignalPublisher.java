package io.pulseloop.analytics.signals;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.OutgoingEvent;

/**
 * Publishes signals on {@code analytics.signals.v1}, keyed by contact id, with the platform's {@link EventPublisher}:
 * it returns only once Kafka acknowledged them ({@code acks=all}, idempotent producer) and throws otherwise, so the
 * score event is retried and the state that raised the signal is not saved before the signal is out.
 */
@Component
class SignalPublisher {

    private final EventPublisher publisher;
    private final MeterRegistry meters;

    SignalPublisher(EventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    void publish(List<SignalEvent> signals) {
        if (signals.isEmpty()) {
            return;
        }
        publisher.publishAll(signals.stream()
                .map(signal -> OutgoingEvent.json(Topics.ANALYTICS_SIGNALS, signal.contactId(), signal,
                        SignalEvent.class))
                .toList());
        signals.forEach(signal -> meters.counter("pulseloop.analytics.signals.published", "type",
                signal.getClass().getSimpleName()).increment());
    }
}
