package io.pulseloop.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes keyed records and returns only when Kafka acknowledged all of them ({@code acks=all}, idempotent
 * producer), within a bound ({@code pulseloop.events.publish.ack-timeout}, default 5 s), whatever the broker does.
 *
 * <p><b>Why two bounds.</b> {@code KafkaTemplate.send} blocks <em>before</em> returning its future while the producer
 * has no metadata for the topic (broker unreachable since start, unknown topic) for up to {@code max.block.ms}, 60 s by
 * default; that wait is outside the future. The platform's producer sets {@code max.block.ms} to
 * {@code pulseloop.events.publish.max-block} (default 2 s), stops sending a batch at the first such failure, and turns
 * every failure, thrown or completed exceptionally, into a {@link PublishFailedException}.
 *
 * <p>Records with the same key keep their order (one partition, idempotent producer). After a failure some records
 * of a batch may have been written: callers publish only what may be published again (consumers deduplicate by event
 * id), e.g. from an outbox that keeps them until acknowledged.
 */
public class EventPublisher implements SmartInitializingSingleton, AutoCloseable {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration ackTimeout;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
    }

    /** Lets the template find the context's {@code ObservationRegistry} (trace context in the headers). */
    @Override
    public void afterSingletonsInstantiated() {
        kafka.afterSingletonsInstantiated();
    }

    /** Closes the producer. */
    @Override
    public void close() {
        kafka.getProducerFactory().reset();
    }

    /** How long {@link #publish} and {@link #publishAll} wait for acknowledgements. */
    public Duration ackTimeout() {
        return ackTimeout;
    }

    /**
     * Publishes one record and waits for its acknowledgement.
     *
     * @throws PublishFailedException when it is not acknowledged within the bound
     */
    public void publish(OutgoingEvent event) {
        publishAll(List.of(event));
    }

    /**
     * Sends the records together and waits until every one is acknowledged: several records cost one round trip.
     *
     * @throws PublishFailedException when one is not acknowledged within the bound (some may have been written)
     */
    public void publishAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        CompletableFuture<?>[] sends = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < sends.length; i++) {
            sends[i] = send(toRecord(events.get(i)));
        }
        await(CompletableFuture.allOf(sends), deadline, events.size());
    }

    /**
     * Sends one record without waiting. Never throws for a broker problem: a record the producer would not even take
     * (no metadata within {@code max.block.ms}, buffer full, closed) is a failed future.
     */
    public CompletableFuture<Void> sendAsync(OutgoingEvent event) {
        try {
            return send(toRecord(event)).thenApply(result -> null);
        } catch (PublishFailedException notSent) {
            return CompletableFuture.failedFuture(notSent);
        }
    }

    /** Sends an already built record and waits for its acknowledgement, e.g. a dead letter with binary headers. */
    public void publishRecord(ProducerRecord<String, byte[]> record) {
        await(send(record), System.nanoTime() + ackTimeout.toNanos(), 1);
    }

    private CompletableFuture<?> send(ProducerRecord<String, byte[]> record) {
        try {
            return kafka.send(record);
        } catch (org.springframework.kafka.KafkaException | org.apache.kafka.common.KafkaException notSent) {
            // thrown (not a failed future) when the producer timed out waiting for metadata: max.block.ms
            throw new PublishFailedException("Kafka did not take a record for " + record.topic() + ": "
                    + notSent.getMessage(), notSent);
        }
    }

    private void await(CompletableFuture<?> all, long deadline, int count) {
        try {
            all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused a record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + count + " record(s) within " + ackTimeout, e);
        }
    }

    private static ProducerRecord<String, byte[]> toRecord(OutgoingEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.value());
        for (Map.Entry<String, String> header : event.headers().entrySet()) {
            record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
