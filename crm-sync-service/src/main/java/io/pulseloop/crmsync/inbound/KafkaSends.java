package io.pulseloop.crmsync.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * A group of records sent without waiting for each other, then awaited together: the producer batches them, and
 * {@link #awaitAcknowledged()} returns only when every one is acknowledged by the brokers ({@code acks=all}).
 * Records with the same key keep their order (idempotent producer).
 */
public final class KafkaSends {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;
    private final List<CompletableFuture<SendResult<String, byte[]>>> pending = new ArrayList<>();

    KafkaSends(KafkaTemplate<String, byte[]> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    public void send(ProducerRecord<String, byte[]> record) {
        pending.add(kafka.send(record));
    }

    public int size() {
        return pending.size();
    }

    /**
     * Waits until every record sent so far is acknowledged.
     *
     * @throws KafkaException if one is not acknowledged within the timeout or the broker refused it
     */
    public void awaitAcknowledged() {
        if (pending.isEmpty()) {
            return;
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for Kafka to acknowledge", e);
        } catch (ExecutionException e) {
            throw new KafkaException("Kafka did not acknowledge a record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not acknowledge " + pending.size() + " records within " + timeout, e);
        }
    }
}
