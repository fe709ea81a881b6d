package io.pulseloop.platform.events;

import java.util.List;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Treats each record of a batch on its own (issue 11 #1: one bad record, a tombstone cast to the wrong type, made the
 * container retry and then discard a whole batch). Take the batch as the raw payload list ({@code List<?>}: a
 * tombstone arrives as {@code KafkaNull}, which a typed list would fail to convert without naming the record), and
 * hand each record to the handler: a failure names the record's index, so the container commits the records before
 * it, retries and dead-letters only it, and goes on with the rest.
 */
public final class Batches {

    private Batches() {
    }

    /** What to do with one record of a batch. */
    @FunctionalInterface
    public interface RecordHandler<T> {
        void handle(int index, T record);
    }

    /**
     * Hands every record to the handler in order.
     *
     * @throws BatchListenerFailedException naming the index of the first record whose handling failed
     */
    public static <T> void eachRecord(List<T> batch, RecordHandler<? super T> handler) {
        for (int i = 0; i < batch.size(); i++) {
            try {
                handler.handle(i, batch.get(i));
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException("Record " + i + " of the batch failed: " + failure.getMessage(),
                        failure, i);
            }
        }
    }
}
