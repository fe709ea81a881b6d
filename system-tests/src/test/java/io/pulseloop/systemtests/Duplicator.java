package io.pulseloop.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every record delivered twice: reads the topics from their end (assigned partitions, no consumer group) and writes
 * each record once more, with the same key, value and headers, to the same topic — so it lands in the same
 * partition, after the original, and every consumer group reads it a second time, as it would after a rebalance or a
 * crash before an offset commit. The copies carry the header {@value #COPY} and are not copied again.
 */
final class Duplicator implements AutoCloseable {

    static final String COPY = "pulseloop-fault-copy";
    private static final Logger LOG = LoggerFactory.getLogger(Duplicator.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread worker;
    private final AtomicLong copies = new AtomicLong();
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private Duplicator(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the positions now: every record written after start() is copied
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        worker = new Thread(this::copyUntilClosed, "fault-duplicator");
        worker.setDaemon(true);
    }

    /** Starts copying every record written to the topics from now on; the topics must exist. */
    static Duplicator start(String bootstrapServers, List<String> topics) {
        Duplicator duplicator = new Duplicator(bootstrapServers, topics);
        duplicator.worker.start();
        LOG.info("duplicating every record of {}", topics);
        return duplicator;
    }

    /** How many records were written a second time so far. */
    long copies() {
        if (failure != null) {
            throw failure;
        }
        return copies.get();
    }

    private void copyUntilClosed() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.headers().lastHeader(COPY) != null) {
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(record.topic(), record.partition(),
                            record.key(), record.value(), record.headers());
                    copy.headers().add(COPY, "1".getBytes(StandardCharsets.UTF_8));
                    producer.send(copy).get(30, TimeUnit.SECONDS);
                    copies.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failure = new IllegalStateException("the duplicator stopped", e);
            LOG.error("the duplicator stopped", e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ZERO);
        producer.close(Duration.ofSeconds(5));
        LOG.info("the duplicator wrote {} copies", copies.get());
    }
}
