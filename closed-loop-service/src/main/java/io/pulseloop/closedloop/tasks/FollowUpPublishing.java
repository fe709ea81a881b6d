package io.pulseloop.closedloop.tasks;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The producer of {@code followup.tasks.v1}: JSON strings keyed by contact id, idempotent with {@code acks=all}
 * ({@code spring.kafka.producer.*}). Its own template, because the stream binder's defaults are byte arrays.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpPublishing {

    @Bean
    KafkaTemplate<String, String> followUpKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }
}
