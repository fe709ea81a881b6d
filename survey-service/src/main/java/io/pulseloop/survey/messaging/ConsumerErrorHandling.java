package io.pulseloop.survey.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters in the listener container rather than in the binder, so the batch consumer of
 * {@code crm.contacts.v1} can name the one record that failed ({@code BatchListenerFailedException}): the records
 * before it are committed, it is retried with the binding's backoff ({@code max-attempts}), then published to the
 * binding's DLQ ({@code <topic>.survey-service.dlq}) with the exception in the {@code kafka_dlt-*} headers. An
 * {@link InvalidEventException} is dead-lettered at once.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerErrorHandling {

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer retryAndDeadLetterInContainer(KafkaProperties kafka) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        KafkaTemplate<byte[], byte[]> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
                    String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                    BackOff backOff) {
                BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination = (dlqDestinationResolver
                        != null) ? dlqDestinationResolver
                        : (record, ex) -> new TopicPartition(record.topic() + "." + group + ".dlq", -1);
                DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters, destination);
                ConsumerRecordRecoverer recoverer = (record, ex) -> publisher.accept(record, cause(ex));
                DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                        (backOff != null) ? backOff : new FixedBackOff(500L, 2L));
                handler.addNotRetryableExceptions(InvalidEventException.class);
                container.setCommonErrorHandler(handler);
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }
        };
    }

    /**
     * The exception that says why, for the {@code kafka_dlt-exception-*} headers: the listener's own exception
     * rather than the framework's "Listener failed" wrappers around it.
     */
    static Exception cause(Exception failure) {
        Throwable current = failure;
        while (current != null) {
            if (current instanceof InvalidEventException invalid) {
                return invalid;
            }
            if (current instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception inner) {
                return inner;
            }
            current = (current.getCause() == current) ? null : current.getCause();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root instanceof Exception exception) ? exception : failure;
    }
}
