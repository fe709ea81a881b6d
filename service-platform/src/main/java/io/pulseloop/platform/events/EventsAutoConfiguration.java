package io.pulseloop.platform.events;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import io.pulseloop.events.json.EventJson;

/**
 * {@link TolerantEventReader}, {@link EventPublisher} and {@link DeadLetters} for every service with Kafka. The
 * publisher and the dead letters have producers of their own (so a service's {@code KafkaTemplate}, Spring Boot's or
 * the Stream binder's, is untouched): {@code spring.kafka.producer.*} plus {@code acks=all}, idempotence and
 * {@code max.block.ms}; observed, so the trace context travels in the record headers.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(PulseloopEventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TolerantEventReader tolerantEventReader(ObjectProvider<MeterRegistry> meters) {
        return new TolerantEventReader(EventJson.mapper(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaProperties kafka, PulseloopEventsProperties properties,
            ApplicationContext context) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                producer(kafka, properties), new StringSerializer(), new ByteArraySerializer()));
        template.setObservationEnabled(true);
        template.setApplicationContext(context);
        return new EventPublisher(template, properties.ackTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(KafkaProperties kafka, PulseloopEventsProperties properties, EventPublisher publisher,
            ApplicationContext context) {
        Map<Class<?>, Serializer<?>> asTheyCame = new HashMap<>();
        asTheyCame.put(byte[].class, new ByteArraySerializer());
        asTheyCame.put(String.class, new StringSerializer());
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                producer(kafka, properties), new DelegatingByTypeSerializer(asTheyCame),
                new DelegatingByTypeSerializer(asTheyCame)));
        template.setObservationEnabled(true);
        template.setApplicationContext(context);
        return new DeadLetters(template, publisher);
    }

    static Map<String, Object> producer(KafkaProperties kafka, PulseloopEventsProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.maxBlock().toMillis());
        return config;
    }
}
