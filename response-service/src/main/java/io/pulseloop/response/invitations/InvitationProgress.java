package io.pulseloop.response.invitations;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import io.pulseloop.events.topic.Topics;

/**
 * How far the invitation consumer group ({@code response-service} on {@code survey.invitations.v1}) has read, so
 * that an unknown link can be told apart from a link whose invitation has not been read yet (read-your-writes for
 * links).
 *
 * <p>{@link #snapshot()} asks the broker, in one round of admin calls, for the end offset of every partition and
 * the group's committed offsets (what every replica of the group has processed: the partition of a token may be
 * read by another replica, which writes to the same database). A snapshot is shared by every caller for
 * {@code offsets-max-age} (single flight: at most one round in flight, however many unknown links arrive), so a
 * flood of unknown tokens costs the broker a few calls per second. A round is bounded by three seconds in all
 * (each call by two, like the readiness check).
 * The partitions this replica reads are also tracked as the listener processes them ({@link #processed}), which is
 * ahead of the committed offsets and wakes waiters at once ({@link #awaitProgress}).
 */
@Component
public class InvitationProgress implements DisposableBean {

    /** Bound of every admin call (the broker answers in milliseconds when it is reachable). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** Bound of one round (describe the topic, end and committed offsets, and rarely earliest offsets). */
    static final Duration ROUND_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PARTITIONS_MAX_AGE = Duration.ofMinutes(1);

    private final String topic;
    private final String group;
    private final Admin admin;
    private final long maxAgeNanos;
    private final Map<Integer, Long> processedHere = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final AtomicReference<Fetch> latest = new AtomicReference<>();
    private volatile Partitions partitions;

    InvitationProgress(KafkaProperties kafka, Environment environment, UnknownLinkProperties properties) {
        this.topic = environment.getProperty("spring.cloud.stream.bindings.invitationEvents-in-0.destination",
                Topics.SURVEY_INVITATIONS);
        this.group = environment.getProperty("spring.cloud.stream.bindings.invitationEvents-in-0.group",
                "response-service");
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        String brokers = environment.getProperty("spring.cloud.stream.kafka.binder.brokers");
        if (brokers != null && !brokers.isBlank()) {
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        }
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "response-service-invitation-progress");
        this.admin = Admin.create(config);
        this.maxAgeNanos = properties.offsetsMaxAge().toNanos();
    }

    /** Where the group stands: per partition, the end offset and the offset read up to (exclusive). */
    public record Snapshot(Map<Integer, Long> ends, Map<Integer, Long> read) {

        /** True when every partition has been read up to its end offset in this snapshot. */
        public boolean caughtUp() {
            return hasRead(ends);
        }

        /** True when every partition has been read at least up to {@code targets} (end offsets seen earlier). */
        public boolean hasRead(Map<Integer, Long> targets) {
            return targets.entrySet().stream().allMatch(t -> read.getOrDefault(t.getKey(), 0L) >= t.getValue());
        }
    }

    /** The offsets could not be read in time (broker slow or unreachable). */
    public static class ProgressUnknownException extends RuntimeException {

        ProgressUnknownException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The group's progress, at most {@code offsets-max-age} old, read offsets raised to what this replica has
     * processed since.
     *
     * @throws ProgressUnknownException when the broker did not answer within the call bound
     */
    public Snapshot snapshot() {
        long now = System.nanoTime();
        Fetch fetch = latest.get();
        if (fetch == null || now - fetch.startedAt() > maxAgeNanos) {
            Fetch next = new Fetch(now, new CompletableFuture<>());
            if (latest.compareAndSet(fetch, next)) {
                try {
                    next.result().complete(fetchFromBroker());
                }
                catch (RuntimeException failed) {
                    next.result().completeExceptionally(failed);
                }
            }
            fetch = latest.get();
        }
        Snapshot fetched;
        try {
            fetched = fetch.result().get(ROUND_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ProgressUnknownException("Interrupted", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new ProgressUnknownException("Offsets of " + topic + " unavailable", ex);
        }
        Map<Integer, Long> read = new HashMap<>(fetched.read());
        processedHere.forEach((partition, next) -> read.merge(partition, next, Math::max));
        return new Snapshot(fetched.ends(), Map.copyOf(read));
    }

    /** The listener processed (or dead-lettered) the record of {@code message}: offsets below the next are read. */
    void processed(Message<?> message) {
        Integer partition = message.getHeaders().get("kafka_receivedPartitionId", Integer.class);
        Long offset = message.getHeaders().get("kafka_offset", Long.class);
        if (partition == null || offset == null) {
            return;
        }
        processedHere.merge(partition, offset + 1, Math::max);
        lock.lock();
        try {
            progressed.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    /** Waits until this replica's listener processes a record, at most {@code nanos}. */
    public void awaitProgress(long nanos) {
        if (nanos <= 0) {
            return;
        }
        lock.lock();
        try {
            progressed.awaitNanos(nanos);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            lock.unlock();
        }
    }

    private Snapshot fetchFromBroker() {
        long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
        try {
            List<TopicPartition> all = partitions(deadline);
            if (all.isEmpty()) {
                return new Snapshot(Map.of(), Map.of());
            }
            Map<TopicPartition, OffsetSpec> latestSpecs = new HashMap<>();
            all.forEach(p -> latestSpecs.put(p, OffsetSpec.latest()));
            var endsFuture = admin.listOffsets(latestSpecs).all();
            var committedFuture = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata();
            Map<TopicPartition, ListOffsetsResultInfo> ends = endsFuture.get(left(deadline), TimeUnit.NANOSECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = committedFuture.get(left(deadline),
                    TimeUnit.NANOSECONDS);
            Map<Integer, Long> endOffsets = new HashMap<>();
            Map<Integer, Long> read = new HashMap<>();
            Map<TopicPartition, OffsetSpec> neverCommitted = new HashMap<>();
            for (TopicPartition partition : all) {
                long end = ends.get(partition) == null ? 0 : ends.get(partition).offset();
                endOffsets.put(partition.partition(), end);
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    read.put(partition.partition(), offset.offset());
                }
                else if (end > 0) {
                    neverCommitted.put(partition, OffsetSpec.earliest());
                }
            }
            if (!neverCommitted.isEmpty()) {
                // the group starts a partition it never committed at its earliest offset: what retention deleted
                // is not behind (rare: a new group or partition)
                admin.listOffsets(neverCommitted).all().get(left(deadline), TimeUnit.NANOSECONDS)
                        .forEach((partition, earliest) -> read.put(partition.partition(), earliest.offset()));
            }
            return new Snapshot(Map.copyOf(endOffsets), Map.copyOf(read));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ProgressUnknownException("Interrupted", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new ProgressUnknownException("Offsets of " + topic + " unavailable", ex);
        }
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private List<TopicPartition> partitions(long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Partitions known = partitions;
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < PARTITIONS_MAX_AGE.toNanos()) {
            return known.partitions();
        }
        List<TopicPartition> read;
        try {
            read = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(left(deadline), TimeUnit.NANOSECONDS).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw ex;
            }
            // no topic, no invitation; not remembered, so the topic is seen as soon as it exists
            return List.of();
        }
        partitions = new Partitions(now, read);
        return read;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }

    private record Fetch(long startedAt, CompletableFuture<Snapshot> result) {
    }

    private record Partitions(long readAt, List<TopicPartition> partitions) {
    }
}
