package io.pulseloop.crmsync.inbound;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Opens {@link KafkaSends} on the service's producer ({@code acks=all}, idempotent). */
@Component
public class KafkaPublishing {

    private final KafkaTemplate<String, byte[]> kafka;
    private final InboundProperties properties;

    KafkaPublishing(KafkaTemplate<String, byte[]> kafka, InboundProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    public KafkaSends open() {
        return new KafkaSends(kafka, properties.publishTimeout());
    }
}
