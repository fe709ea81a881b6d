package io.pulseloop.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End offsets of topics and committed offsets of the services' consumer groups, read with the admin client. */
final class ConsumerGroups implements AutoCloseable {

    private final Admin admin;

    ConsumerGroups(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(properties);
    }

    /** Sum over partitions of the topic's end offsets (0 when the topic does not exist yet). */
    long endOffset(String topic) throws InterruptedException {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(topic)).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = topics.get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request).all().get();
            return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            return 0;
        }
    }

    /** Sum over partitions of the group's committed offsets on the topic. */
    long committed(String group, String topic) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        } catch (ExecutionException e) {
            return 0;
        }
    }

    /**
     * Waits until the group has committed everything up to {@code target} on the topic, polling every 100 ms;
     * returns the nanoTime at which it was first seen there, or -1 after {@code timeoutSeconds}.
     */
    long awaitCommitted(String group, String topic, long target, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (committed(group, topic) >= target) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return -1;
    }

    /** Waits until the topic's end offset reaches {@code target}; the nanoTime it was seen, or -1. */
    long awaitEndOffset(String topic, long target, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (endOffset(topic) >= target) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return -1;
    }

    /**
     * Waits until each group has committed everything on every topic it reads (lag 0 on all its partitions), polling
     * every 500 ms; returns the groups' remaining lag (0 when settled) after at most {@code timeoutSeconds}.
     */
    long awaitSettled(List<String> groups, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long lag = lag(groups);
        while (lag > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(500);
            lag = lag(groups);
        }
        return lag;
    }

    private long lag(List<String> groups) throws InterruptedException {
        long lag = 0;
        try {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> request = committed.keySet().stream()
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                        .get();
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    long done = entry.getValue() == null ? 0 : entry.getValue().offset();
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - done);
                }
            }
        } catch (ExecutionException e) {
            return Long.MAX_VALUE;
        }
        return lag;
    }

    Map<String, Long> snapshot(String group, List<String> topics) throws InterruptedException {
        Map<String, Long> result = new HashMap<>();
        for (String topic : topics) {
            result.put(topic, committed(group, topic));
        }
        return result;
    }

    @Override
    public void close() {
        admin.close();
    }
}
