package io.pulseloop.platform.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.BackOff;

/**
 * Dead letters, one way: the original key, value and headers, plus headers that say why and where from, in the three
 * spellings tooling reads —
 *
 * <ul>
 * <li>Spring Kafka's {@code kafka_dlt-original-topic/-partition/-offset/-timestamp},
 * {@code kafka_dlt-exception-fqcn/-message} (binary as Spring Kafka writes them);</li>
 * <li>the Spring Cloud Stream binder's {@code x-original-topic/-partition/-offset/-timestamp},
 * {@code x-exception-fqcn/-message} (partition a 4-byte, offset and timestamp 8-byte big-endian numbers);</li>
 * <li>Pulseloop's plain-text {@code pulseloop-dlq-reason}, {@code -field}, {@code -error}, {@code -attempts},
 * {@code -original-topic}, {@code -original-partition}, {@code -original-offset}.</li>
 * </ul>
 *
 * Use {@link #send} from code that decides itself that a record is dead (after its own retries), or
 * {@link #errorHandler} as a listener container's error handler (retry with backoff, then the dead-letter topic;
 * {@link UnreadableEventException} at once).
 */
public class DeadLetters implements SmartInitializingSingleton, AutoCloseable {

    public static final String X_ORIGINAL_TOPIC = "x-original-topic";
    public static final String X_ORIGINAL_PARTITION = "x-original-partition";
    public static final String X_ORIGINAL_OFFSET = "x-original-offset";
    public static final String X_ORIGINAL_TIMESTAMP = "x-original-timestamp";
    public static final String X_EXCEPTION_FQCN = "x-exception-fqcn";
    public static final String X_EXCEPTION_MESSAGE = "x-exception-message";
    public static final String REASON = "pulseloop-dlq-reason";
    public static final String FIELD = "pulseloop-dlq-field";
    public static final String ERROR = "pulseloop-dlq-error";
    public static final String ATTEMPTS = "pulseloop-dlq-attempts";
    public static final String ORIGINAL_TOPIC = "pulseloop-dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "pulseloop-dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "pulseloop-dlq-original-offset";

    private final KafkaOperations<Object, Object> kafka;
    private final EventPublisher bounds;

    /**
     * @param kafka  a template whose serialisers take the consumed keys and values as they are ({@code byte[]} or
     *               {@code String})
     * @param bounds the publisher whose acknowledgement bound applies
     */
    public DeadLetters(KafkaOperations<Object, Object> kafka, EventPublisher bounds) {
        this.kafka = kafka;
        this.bounds = bounds;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (kafka instanceof KafkaTemplate<Object, Object> template) {
            template.afterSingletonsInstantiated();
        }
    }

    /** Closes the producer. */
    @Override
    public void close() {
        if (kafka instanceof KafkaTemplate<Object, Object> template) {
            template.getProducerFactory().reset();
        }
    }

    /** The conventional dead-letter topic of a consumer group: {@code <topic>.<group>.dlq}. */
    public static BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> topicOfGroup(String group) {
        return (record, failure) -> new TopicPartition(record.topic() + "." + group + ".dlq", -1);
    }

    /**
     * Publishes the record to the dead-letter topic with the cause headers and waits for the acknowledgement.
     *
     * @param reason   a short kind, e.g. {@code invalid}, {@code unreadable}, {@code tombstone}
     * @param field    the field at fault, or {@code null}
     * @param attempts how often it was tried
     * @throws PublishFailedException when Kafka does not acknowledge it in time (the caller must not commit)
     */
    @SuppressWarnings("unchecked")
    public void send(String deadLetterTopic, ConsumerRecord<?, ?> original, Throwable cause, String reason,
            String field, int attempts) {
        ProducerRecord<Object, Object> dead = record(deadLetterTopic, (ConsumerRecord<Object, Object>) original, cause,
                reason, field, attempts);
        try {
            kafka.send(dead).get(bounds.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException
                | org.springframework.kafka.KafkaException | org.apache.kafka.common.KafkaException e) {
            throw new PublishFailedException("Kafka did not take the dead letter for " + deadLetterTopic, e);
        }
    }

    /**
     * The dead letter of {@code original} as {@link #send} publishes it (its key, value and headers, plus every cause
     * header), for a caller that sends it together with other records and awaits them all at once (e.g. a batch
     * pipeline whose good records and poison go out in one round trip).
     */
    public static <K, V> ProducerRecord<K, V> record(String deadLetterTopic, ConsumerRecord<K, V> original,
            Throwable cause, String reason, String field, int attempts) {
        Headers headers = new RecordHeaders();
        original.headers().forEach(headers::add);
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(original.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES)
                .putInt(original.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(original.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES)
                .putLong(original.timestamp()).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(cause.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(cause.getMessage())));
        addCauseHeaders(headers, original, cause, reason, field, attempts);
        return new ProducerRecord<>(deadLetterTopic, null, original.key(), original.value(), headers);
    }

    /**
     * Adds the {@code x-*} and {@code pulseloop-dlq-*} headers (not Spring Kafka's {@code kafka_dlt-*}, which its
     * recoverer writes itself).
     */
    public static void addCauseHeaders(Headers headers, ConsumerRecord<?, ?> original, Throwable cause, String reason,
            String field, int attempts) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        headers.add(X_ORIGINAL_TOPIC, utf8(original.topic()));
        headers.add(X_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(original.partition()).array());
        headers.add(X_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(original.offset()).array());
        headers.add(X_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(original.timestamp()).array());
        headers.add(X_EXCEPTION_FQCN, utf8(cause.getClass().getName()));
        headers.add(X_EXCEPTION_MESSAGE, utf8(message));
        headers.add(REASON, utf8(reason));
        if (field != null) {
            headers.add(FIELD, utf8(field));
        }
        headers.add(ERROR, utf8(message));
        headers.add(ATTEMPTS, utf8(Integer.toString(attempts)));
        headers.add(ORIGINAL_TOPIC, utf8(original.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(original.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(Long.toString(original.offset())));
    }

    /**
     * A recoverer for a listener container: publishes to the destination with all cause headers, naming the
     * listener's own exception rather than the framework's wrappers around it.
     */
    public ConsumerRecordRecoverer recoverer(BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka, destination);
        publisher.setHeadersFunction((record, failure) -> {
            Headers headers = new RecordHeaders();
            Exception cause = cause(failure);
            addCauseHeaders(headers, record, cause, cause instanceof UnreadableEventException ? "unreadable" : "failed",
                    cause instanceof UnreadableEventException unreadable ? unreadable.field() : null, 0);
            return headers;
        });
        return (record, failure) -> publisher.accept(record, cause(failure));
    }

    /**
     * A container error handler: retries a failing record with the backoff, then dead-letters it; an
     * {@link UnreadableEventException} at once. With a batch listener, throw {@link BatchListenerFailedException}
     * naming the record's index ({@link Batches#eachRecord}) so only that record is retried and dead-lettered.
     */
    public DefaultErrorHandler errorHandler(BackOff backOff,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(destination), backOff);
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        return handler;
    }

    /** The exception that says why: the listener's own, not Spring's "Listener failed" wrappers. */
    static Exception cause(Exception failure) {
        Throwable current = failure;
        while (current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException) {
            if (current.getCause() == null || current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return current instanceof Exception exception ? exception : failure;
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
