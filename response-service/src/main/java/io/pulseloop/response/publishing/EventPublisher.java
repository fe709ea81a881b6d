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
 *
 * <p><b>Bounded, whatever the broker does.</b> {@code KafkaTemplate.send} itself blocks while the producer has no
 * metadata for the topic (broker unreachable since start-up, or topic unknown) for up to {@code max.block.ms}, and
 * then throws instead of failing the future. That wait is outside the future we time out on, so it is bounded
 * separately ({@code max.block.ms} = 2 s in {@code application.yml}, a quarter of the 60 s default that made an
 * answer hang for a minute), the first such failure stops the remaining sends, and any send failure, thrown or
 * completed exceptionally, becomes a {@link PublishFailedException} the caller can handle.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, String> kafka;

    EventPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    /**
     * @throws PublishFailedException when a record is not acknowledged within {@code timeout} (plus at most one
     *                                {@code max.block.ms} metadata wait); some of the records may then have been
     *                                written, so callers publish only what may be published again (consumers
     *                                deduplicate by event id)
     */
    public void publishAll(List<OutgoingRecord> records, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<?>[] sends = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < sends.length; i++) {
            sends[i] = send(records.get(i));
        }
        try {
            CompletableFuture.allOf(sends).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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

    /**
     * Sends one record without waiting for its acknowledgement; the future fails when Kafka does not take it.
     * Never throws for a broker problem: a failure to even hand the record to the producer (no metadata within
     * {@code max.block.ms}, buffer full, producer closed) is returned as a failed future.
     */
    public CompletableFuture<?> sendAsync(OutgoingRecord record) {
        try {
            return send(record);
        }
        catch (PublishFailedException notSent) {
            return CompletableFuture.failedFuture(notSent);
        }
    }

    private CompletableFuture<?> send(OutgoingRecord record) {
        ProducerRecord<String, String> producerRecord = new ProducerRecord<>(record.topic(), record.key(),
                record.payload());
        producerRecord.headers().add("eventType", record.eventType().getBytes(StandardCharsets.UTF_8));
        producerRecord.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(producerRecord);
        }
        catch (org.springframework.kafka.KafkaException | org.apache.kafka.common.KafkaException notSent) {
            // KafkaTemplate throws (rather than failing the future) when the producer timed out waiting for metadata
            throw new PublishFailedException("Kafka did not take a record for " + record.topic() + ": "
                    + notSent.getMessage(), notSent);
        }
    }
}
