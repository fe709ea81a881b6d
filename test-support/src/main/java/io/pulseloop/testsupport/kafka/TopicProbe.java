package io.pulseloop.testsupport.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Watches topics for records written after it was opened, so a test can assert what an action published. Open it
 * with {@link KafkaTestClient#openProbe(String...)} <em>before</em> the action.
 *
 * <p>The probe is assigned all partitions the topics had when it opened (no consumer group, nothing committed),
 * starts at their end offsets, and collects records on a background thread; it sees committed records only
 * ({@code read_committed}). Partitions added later are not watched. Keys and values are read as UTF-8 strings.
 *
 * <p>Safe for use by several threads. Close it to stop the background thread.
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private static final Duration NO_RECORD_GRACE = Duration.ofSeconds(2);

    private final List<String> topics;

    private final KafkaConsumer<String, String> consumer;

    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

    private final Thread poller;

    private volatile boolean running = true;

    private volatile RuntimeException failure;

    private TopicProbe(KafkaConsumer<String, String> consumer, List<String> topics) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.poller = new Thread(this::pollUntilClosed, "topic-probe-" + String.join(",", topics));
        this.poller.setDaemon(true);
    }

    static TopicProbe open(KafkaConsumer<String, String> consumer, List<String> topics) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(KafkaTestClient.partitionsOf(consumer, topic));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: resolve the positions now, so that records written after open() are seen
            partitions.forEach(partition -> consumer.position(partition, KafkaTestClient.OPERATION_TIMEOUT));
        }
        catch (RuntimeException ex) {
            KafkaTestClient.closeAtOnce(consumer);
            throw ex;
        }
        TopicProbe probe = new TopicProbe(consumer, topics);
        probe.poller.start();
        return probe;
    }

    /**
     * The topics this probe watches.
     *
     * @return the topic names
     */
    public List<String> topics() {
        return this.topics;
    }

    /**
     * Waits for the first record that matches, among those received since the probe opened.
     *
     * @param predicate what the record must satisfy
     * @param timeout how long to wait
     * @return the first matching record, in arrival order
     * @throws AssertionError if none arrives in time; the message lists what did arrive
     */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> predicate,
            Duration timeout) {
        return awaitRecords(1, predicate, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} matching records have arrived.
     *
     * @param count how many matching records to wait for, at least 1
     * @param predicate what the records must satisfy
     * @param timeout how long to wait
     * @return the first {@code count} matching records, in arrival order
     * @throws AssertionError if fewer arrive in time; the message lists what did arrive
     */
    public List<ConsumerRecord<String, String>> awaitRecords(int count,
            Predicate<ConsumerRecord<String, String>> predicate, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        try {
            return await().atMost(timeout)
                    .pollInterval(POLL_INTERVAL)
                    .pollDelay(Duration.ZERO)
                    .until(() -> matching(predicate), records -> records.size() >= count)
                    .subList(0, count);
        }
        catch (ConditionTimeoutException ex) {
            throw new AssertionError("Expected " + count + " matching record(s) on " + this.topics + " within "
                    + timeout + " but got " + matching(predicate).size() + "; received: " + describeReceived(), ex);
        }
    }

    /**
     * Asserts that no matching record arrives during the given time (counted from this call), nor arrived before.
     *
     * @param predicate what a forbidden record would satisfy
     * @param during how long to watch
     * @throws AssertionError as soon as a matching record is seen; the message shows it
     */
    public void assertNoRecord(Predicate<ConsumerRecord<String, String>> predicate, Duration during) {
        try {
            await().during(during)
                    .atMost(during.plus(NO_RECORD_GRACE))
                    .pollInterval(POLL_INTERVAL)
                    .failFast(() -> !matching(predicate).isEmpty())
                    .until(() -> true);
        }
        catch (ConditionTimeoutException | TerminalFailureException ex) {
            throw new AssertionError("Expected no matching record on " + this.topics + " but got: "
                    + matching(predicate).stream().map(KafkaRecords::describe).collect(Collectors.joining("; ")),
                    ex);
        }
    }

    /**
     * The records received so far, in arrival order (in offset order within a partition).
     *
     * @return a snapshot; later records are not added to it
     */
    public List<ConsumerRecord<String, String>> records() {
        rethrowFailure();
        return List.copyOf(this.received);
    }

    /**
     * Stops the background thread and closes the consumer; idempotent.
     */
    @Override
    public void close() {
        this.running = false;
        if (!this.poller.isAlive()) {
            return;
        }
        this.consumer.wakeup();
        try {
            this.poller.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return !this.running;
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> predicate) {
        return records().stream().filter(predicate).toList();
    }

    private String describeReceived() {
        List<ConsumerRecord<String, String>> records = List.copyOf(this.received);
        if (records.isEmpty()) {
            return "nothing";
        }
        String shown = records.stream().limit(20).map(KafkaRecords::describe).collect(Collectors.joining("; "));
        return (records.size() > 20) ? shown + "; ... (" + records.size() + " in all)" : shown;
    }

    private void rethrowFailure() {
        RuntimeException cause = this.failure;
        if (cause != null) {
            throw new IllegalStateException("The probe on " + this.topics + " stopped receiving", cause);
        }
    }

    private void pollUntilClosed() {
        try {
            while (this.running) {
                this.consumer.poll(Duration.ofMillis(100)).forEach(this.received::add);
            }
        }
        catch (WakeupException ex) {
            // close() woke the consumer up
        }
        catch (RuntimeException ex) {
            this.failure = ex;
        }
        finally {
            this.running = false;
            KafkaTestClient.closeAtOnce(this.consumer);
        }
    }

    /**
     * A description for failure messages.
     *
     * @return the topics and how many records arrived
     */
    @Override
    public String toString() {
        return "TopicProbe" + this.topics + " (" + this.received.size() + " records)";
    }
}
