package io.pulseloop.testsupport.kafka;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;

/**
 * A small Kafka client for tests, built on plain {@code kafka-clients} (no Spring): publishes records and waits for
 * the broker's acknowledgement, creates topics, opens {@link TopicProbe}s and reads whole topics.
 *
 * <pre>{@code
 * try (KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure();
 *         TopicProbe invitations = kafka.openProbe("survey.invitations.v1")) {
 *     kafka.publish("crm.inbound.v1", contactId, ticketClosedJson, Map.of("ce_type", "crm.ticket.closed"));
 *     ConsumerRecord<String, String> sent = invitations.awaitRecord(KafkaRecords.withKey(contactId), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Safe for use by several threads. {@link #close()} also closes the probes it opened that are still open.
 */
public final class KafkaTestClient implements AutoCloseable {

    /** How long one publish or one admin operation may take before it fails. */
    public static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicInteger clientIds = new AtomicInteger();

    private final String bootstrapServers;

    private final List<TopicProbe> probes = new ArrayList<>();

    private KafkaProducer<String, byte[]> producer;

    private Admin admin;

    private boolean closed;

    private KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    }

    /**
     * A client for the given brokers. Connections open on first use.
     *
     * @param bootstrapServers {@code host:port[,host:port]}
     * @return a new client; close it
     */
    public static KafkaTestClient connect(String bootstrapServers) {
        return new KafkaTestClient(bootstrapServers);
    }

    /**
     * A client for the broker of the {@link SharedInfrastructure}, starting it if needed.
     *
     * @return a new client; close it
     */
    public static KafkaTestClient forSharedInfrastructure() {
        return connect(SharedInfrastructure.get().kafkaBootstrapServers());
    }

    /**
     * The brokers this client talks to.
     *
     * @return {@code host:port[,host:port]}
     */
    public String bootstrapServers() {
        return this.bootstrapServers;
    }

    /**
     * Publishes a record with a UTF-8 value and returns once all in-sync replicas have it ({@code acks=all}, idempotent
     * producer). The topic is auto-created by the broker if missing.
     *
     * @param topic the topic
     * @param key the key, or {@code null}
     * @param value the value, or {@code null} for a tombstone
     * @return where the record was written
     * @throws KafkaException if the broker does not acknowledge within {@link #OPERATION_TIMEOUT}
     */
    public RecordMetadata publish(String topic, String key, String value) {
        return publish(topic, key, value, Map.of());
    }

    /**
     * Publishes a record with a UTF-8 value and headers (UTF-8 values) and returns once the broker acknowledged it.
     *
     * @param topic the topic
     * @param key the key, or {@code null}
     * @param value the value, or {@code null} for a tombstone
     * @param headers header names and values, in the record in iteration order
     * @return where the record was written
     * @throws KafkaException if the broker does not acknowledge within {@link #OPERATION_TIMEOUT}
     */
    public RecordMetadata publish(String topic, String key, String value, Map<String, String> headers) {
        return publish(topic, key, (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null, headers);
    }

    /**
     * Publishes a record with raw bytes as its value (e.g. a deliberately unreadable record) and returns once the
     * broker acknowledged it.
     *
     * @param topic the topic
     * @param key the key, or {@code null}
     * @param value the value, or {@code null} for a tombstone
     * @param headers header names and values (UTF-8), in the record in iteration order
     * @return where the record was written
     * @throws KafkaException if the broker does not acknowledge within {@link #OPERATION_TIMEOUT}
     */
    public RecordMetadata publish(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers()
                .add(name, (headerValue != null) ? headerValue.getBytes(StandardCharsets.UTF_8) : null));
        try {
            return producer().send(record).get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing to " + topic, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new KafkaException("Publishing to " + topic + " was not acknowledged", ex);
        }
    }

    /**
     * Creates the topic with the given partition count (replication factor: the broker default), unless it exists;
     * an existing topic is left as it is, whatever its partition count.
     *
     * @param topic the topic
     * @param partitions the partition count for a new topic
     * @throws KafkaException if the broker refuses or does not answer within {@link #OPERATION_TIMEOUT}
     */
    public void createTopic(String topic, int partitions) {
        createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())));
    }

    /**
     * Creates those of the topics that do not exist, with the broker's default partition count (3 embedded) and
     * replication factor.
     *
     * @param topics the topics
     * @throws KafkaException if the broker refuses or does not answer within {@link #OPERATION_TIMEOUT}
     */
    public void ensureTopics(String... topics) {
        createTopics(Arrays.stream(topics)
                .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty()))
                .toList());
    }

    private void createTopics(Collection<NewTopic> topics) {
        admin().createTopics(topics).values().forEach((topic, created) -> {
            try {
                created.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new KafkaException("Could not create topic " + topic, ex.getCause());
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while creating topic " + topic, ex);
            }
            catch (TimeoutException ex) {
                throw new KafkaException("Creating topic " + topic + " timed out", ex);
            }
        });
    }

    /**
     * Opens a probe on the topics, creating missing ones with the broker defaults. The probe sees only records
     * written after this method returns: open it before the action under test.
     *
     * @param topics the topics to watch, at least one
     * @return an open probe; close it (or this client)
     */
    public TopicProbe openProbe(String... topics) {
        if (topics.length == 0) {
            throw new IllegalArgumentException("A probe needs at least one topic");
        }
        ensureTopics(topics);
        TopicProbe probe = TopicProbe.open(newConsumer("pulseloop-topic-probe"), List.of(topics));
        synchronized (this) {
            this.probes.removeIf(TopicProbe::isClosed);
            this.probes.add(probe);
        }
        return probe;
    }

    /**
     * Reads a topic from its beginning up to its end at the time of the call (committed records only), ordered by
     * partition and offset.
     *
     * @param topic the topic; must exist
     * @return every record, in partition order and offset order within a partition
     * @throws KafkaException if the end is not reached within {@link #OPERATION_TIMEOUT}
     */
    public List<ConsumerRecord<String, String>> readTopic(String topic) {
        KafkaConsumer<String, String> consumer = newConsumer("pulseloop-topic-reader");
        try {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, OPERATION_TIMEOUT);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(OPERATION_TIMEOUT);
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KafkaException("Could not read " + topic + " to its end within " + OPERATION_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            records.sort(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
        finally {
            closeAtOnce(consumer);
        }
    }

    /**
     * Reads the records of one key from the beginning of a topic, in the order they were written (one key lives in
     * one partition).
     *
     * @param topic the topic; must exist
     * @param key the key to keep
     * @return the records with that key, oldest first
     * @throws KafkaException if the end is not reached within {@link #OPERATION_TIMEOUT}
     */
    public List<ConsumerRecord<String, String>> readTopic(String topic, String key) {
        return readTopic(topic).stream().filter(KafkaRecords.withKey(key)).toList();
    }

    /**
     * Closes the producer, the admin client and every probe of this client that is still open.
     */
    @Override
    public void close() {
        List<TopicProbe> open;
        synchronized (this) {
            if (this.closed) {
                return;
            }
            this.closed = true;
            open = List.copyOf(this.probes);
            this.probes.clear();
        }
        open.forEach(TopicProbe::close);
        if (this.producer != null) {
            this.producer.close(OPERATION_TIMEOUT);
        }
        if (this.admin != null) {
            this.admin.close(OPERATION_TIMEOUT);
        }
    }

    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> partitions = await("partitions of " + topic)
                .atMost(OPERATION_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .pollInSameThread()
                .until(() -> consumer.partitionsFor(topic, OPERATION_TIMEOUT), infos -> !infos.isEmpty());
        return partitions.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /**
     * Closes a consumer that has no group and nothing to commit without waiting for the broker to close its fetch
     * session (a plain {@code close()} waits about half a second for that).
     */
    static void closeAtOnce(KafkaConsumer<?, ?> consumer) {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        ensureOpen();
        if (this.producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "pulseloop-test-producer-" + clientIds.incrementAndGet());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) OPERATION_TIMEOUT.toMillis());
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return this.producer;
    }

    private synchronized Admin admin() {
        ensureOpen();
        if (this.admin == null) {
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pulseloop-test-admin-" + clientIds.incrementAndGet());
            this.admin = Admin.create(config);
        }
        return this.admin;
    }

    private KafkaConsumer<String, String> newConsumer(String clientIdPrefix) {
        ensureOpen();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + clientIds.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private synchronized void ensureOpen() {
        if (this.closed) {
            throw new IllegalStateException("KafkaTestClient is closed");
        }
    }
}
