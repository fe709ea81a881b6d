package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import io.pulseloop.testsupport.kafka.KafkaTestClient;

/**
 * The error handling of the {@code crm.inbound.v1} binding, on a real listener container against the real broker:
 * a batch that fails as a whole (an outage of MongoDB or Kafka) is retried with backoff, the same records again,
 * until it succeeds; nothing is discarded, and the offsets are committed only after the success.
 */
class InboundErrorHandlingTests {

    private static final int RECORDS = 5;
    private static final int FAILURES = 3;

    private static KafkaTestClient kafka;

    private final InboundProperties properties = new InboundProperties(Duration.ofSeconds(30),
            Duration.ofMillis(100), Duration.ofMillis(400), 3);

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSharedInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void retriesFailedInboundBatchesWithBackoffInsteadOfDeadLetteringThem() throws Exception {
        String topic = "inbound-retry-" + UUID.randomUUID();
        String group = "inbound-retry-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        for (int i = 0; i < RECORDS; i++) {
            kafka.publish(topic, "c-1", "event-" + i);
        }
        List<List<Long>> deliveries = new CopyOnWriteArrayList<>();
        List<Long> invokedAt = new CopyOnWriteArrayList<>();
        List<Long> processed = new CopyOnWriteArrayList<>();
        ConcurrentMessageListenerContainer<String, byte[]> container = container(topic, group);
        container.getContainerProperties().setMessageListener((BatchMessageListener<String, byte[]>) batch -> {
            List<Long> offsets = new ArrayList<>();
            batch.forEach(record -> offsets.add(record.offset()));
            deliveries.add(offsets);
            invokedAt.add(System.nanoTime());
            if (deliveries.size() <= FAILURES) {
                // a ClassCastException is one that Spring Kafka would not retry by default: it discarded the batch
                throw new ClassCastException("MongoDB is down (simulated failure " + deliveries.size() + ")");
            }
            batch.stream().map(ConsumerRecord::offset).forEach(processed::add);
        });

        new InboundErrorHandling().inboundRetryUntilInfrastructureIsBack(properties)
                .configure(container, "crm.inbound.v1", "crm-sync-service");
        container.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> processed.size() >= RECORDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(topic, group) == RECORDS);
        } finally {
            container.stop();
        }

        // the retries happened: the same batch, the failures plus the success, each after a backoff
        assertThat(deliveries).hasSizeGreaterThanOrEqualTo(FAILURES + 1);
        assertThat(deliveries.subList(0, FAILURES + 1)).allSatisfy(offsets -> assertThat(offsets)
                .startsWith(0L));
        for (int i = 1; i <= FAILURES; i++) {
            assertThat(Duration.ofNanos(invokedAt.get(i) - invokedAt.get(i - 1)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
        // then the outcome: every record processed once it succeeded, none discarded, the offsets committed after it
        assertThat(processed).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void leavesOtherBindingsToTheBinder() {
        ConcurrentMessageListenerContainer<String, byte[]> container = container("response.scores.v1", "g");

        new InboundErrorHandling().inboundRetryUntilInfrastructureIsBack(properties)
                .configure(container, "response.scores.v1", "crm-sync-service");

        assertThat(container.getCommonErrorHandler()).isNull();
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> container(String topic, String group) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        return new ConcurrentMessageListenerContainer<>(consumers, new ContainerProperties(topic));
    }

    private static long committed(String topic, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }
}
