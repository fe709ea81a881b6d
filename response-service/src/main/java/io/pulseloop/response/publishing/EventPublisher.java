package io.pulseloop.response.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes records and returns only when Kafka acknowledged all of them ({@code acks=all}, idempotent producer,
 * set in {@code application.yml}). The records are sent together and awaited together, so several records cost
 * one round trip.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, String> kafka;

    EventPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    /**
     * @throws PublishFailedException when a record is not acknowledged within {@code timeout}; some of the
     *                                records may then have been written, so callers publish only what may be
     *                                published again (consumers deduplicate by event id)
     */
    public void publishAll(List<OutgoingRecord> records, Duration timeout) {
        CompletableFuture<?>[] sends = records.stream().map(this::send).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while publishing", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new PublishFailedException("Kafka did not acknowledge " + records.size() + " record(s) within "
                    + timeout, ex);
        }
    }

    private CompletableFuture<?> send(OutgoingRecord record) {
        ProducerRecord<String, String> producerRecord = new ProducerRecord<>(record.topic(), record.key(),
                record.payload());
        producerRecord.headers().add("eventType", record.eventType().getBytes(StandardCharsets.UTF_8));
        producerRecord.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
        return kafka.send(producerRecord);
    }
}
