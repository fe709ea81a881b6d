package io.pulseloop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.FixedBackOff;

import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Publishing with acknowledgements, dead letters with their cause headers, and a batch consumer that reads each
 * record on its own: an unknown type and a tombstone skipped and counted, a poison record dead-lettered, the good
 * records around them processed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "spring.kafka.consumer.auto-offset-reset=earliest",
    "management.health.mongodb.enabled=false"})
@RealInfrastructure
@Import(EventsIntegrationTests.GreetingConsumer.class)
class EventsIntegrationTests {

    static final String GREETINGS = "platform.greetings.v1";
    static final String DEAD = GREETINGS + ".platform-test.dlq";
    static final KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure();

    @Autowired
    EventPublisher publisher;

    @Autowired
    GreetingConsumer consumer;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void publishesKeyedRecordsAndReturnsOnceAcknowledged() {
        String contactId = "c-" + UUID.randomUUID();
        try (TopicProbe probe = kafka.openProbe(GREETINGS)) {
            publisher.publishAll(List.of(
                    OutgoingEvent.json(GREETINGS, contactId, new Greeting.Hello("e-1", "nobody-" + contactId, 1),
                            Greeting.class),
                    OutgoingEvent.json(GREETINGS, contactId, new Greeting.Goodbye("e-2", "nobody-" + contactId),
                            Greeting.class)));

            List<ConsumerRecord<String, String>> records = probe.awaitRecords(2, KafkaRecords.withKey(contactId),
                    Duration.ofSeconds(10));
            assertThat(records).extracting(record -> KafkaRecords.header(record, "eventType"))
                    .containsExactly("Hello", "Goodbye");
            assertThat(records.get(0).value()).contains("\"eventType\":\"Hello\"");
        }
    }

    @Test
    void failsWithinItsBoundWhenNoBrokerAnswers() {
        KafkaProperties unreachable = new KafkaProperties();
        unreachable.setBootstrapServers(List.of("127.0.0.1:9"));
        EventPublisher stranded = new EventsAutoConfiguration().eventPublisher(unreachable,
                new PulseloopEventsProperties(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                new GenericApplicationContext());
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> stranded.publish(OutgoingEvent.of(GREETINGS, "k", "{}", Map.of())))
                    .isInstanceOf(PublishFailedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            stranded.close();
        }
    }

    @Test
    void readsEachRecordOfABatchOnItsOwn() {
        String contactId = "c-" + UUID.randomUUID();
        try (TopicProbe dead = kafka.openProbe(DEAD)) {
            // given: a good record, an unknown type, a tombstone, a poison record, another good record
            kafka.publish(GREETINGS, contactId, hello("e-a", contactId, 1));
            kafka.publish(GREETINGS, contactId, "{\"eventType\":\"Wave\",\"eventId\":\"e-b\",\"contactId\":\""
                    + contactId + "\"}");
            kafka.publish(GREETINGS, contactId, (byte[]) null, Map.of());
            kafka.publish(GREETINGS, contactId, "{\"eventType\":\"Hello\",\"eventId\":\"e-d\",\"count\":\"x\"}");
            kafka.publish(GREETINGS, contactId, hello("e-e", contactId, 5));

            // then
            ConsumerRecord<String, String> poison = dead.awaitRecord(KafkaRecords.withKey(contactId),
                    Duration.ofSeconds(20));
            assertThat(poison.value()).contains("e-d");
            assertThat(KafkaRecords.header(poison, DeadLetters.REASON)).isEqualTo("unreadable");
            assertThat(KafkaRecords.header(poison, DeadLetters.FIELD)).isEqualTo("count");
            assertThat(KafkaRecords.header(poison, DeadLetters.X_EXCEPTION_FQCN))
                    .isEqualTo(UnreadableEventException.class.getName());
            assertThat(KafkaRecords.header(poison, KafkaHeaders.DLT_EXCEPTION_FQCN))
                    .isEqualTo(UnreadableEventException.class.getName());
            assertThat(KafkaRecords.header(poison, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(GREETINGS);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> consumer.handled().stream().filter(hello -> hello.contactId().equals(contactId))
                            .count() == 2);
            assertThat(consumer.handled()).filteredOn(hello -> hello.contactId().equals(contactId))
                    .extracting(Greeting.Hello::eventId).containsExactly("e-a", "e-e");
            assertThat(meters.find(TolerantEventReader.SKIPPED).tags("topic", GREETINGS, "eventType", "Wave",
                    "reason", "unknown-type").counter().count()).isPositive();
            assertThat(meters.find(TolerantEventReader.SKIPPED).tags("topic", GREETINGS, "reason", "tombstone")
                    .counter().count()).isPositive();
        }
    }

    @Test
    void deadLettersARecordWithItsCauseHeaders() {
        String contactId = "c-" + UUID.randomUUID();
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(GREETINGS, 2, 41L, contactId,
                "{\"broken\":".getBytes(StandardCharsets.UTF_8));
        try (TopicProbe dead = kafka.openProbe("platform.manual.dlq")) {
            consumerDeadLetters().send("platform.manual.dlq", original, new IllegalStateException("it broke"),
                    "invalid", "data.contactId", 3);

            ConsumerRecord<String, String> letter = dead.awaitRecord(KafkaRecords.withKey(contactId),
                    Duration.ofSeconds(10));
            assertThat(letter.value()).isEqualTo("{\"broken\":");
            assertThat(KafkaRecords.header(letter, DeadLetters.REASON)).isEqualTo("invalid");
            assertThat(KafkaRecords.header(letter, DeadLetters.FIELD)).isEqualTo("data.contactId");
            assertThat(KafkaRecords.header(letter, DeadLetters.ATTEMPTS)).isEqualTo("3");
            assertThat(KafkaRecords.header(letter, DeadLetters.X_EXCEPTION_MESSAGE)).isEqualTo("it broke");
            assertThat(ByteBuffer.wrap(letter.headers().lastHeader(DeadLetters.X_ORIGINAL_OFFSET).value()).getLong())
                    .isEqualTo(41L);
            assertThat(KafkaRecords.header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(GREETINGS);
        }
    }

    @Autowired
    DeadLetters deadLetters;

    DeadLetters consumerDeadLetters() {
        return deadLetters;
    }

    static String hello(String eventId, String contactId, int count) {
        return "{\"eventType\":\"Hello\",\"eventId\":\"" + eventId + "\",\"contactId\":\"" + contactId
                + "\",\"count\":" + count + "}";
    }

    /** A batch consumer on the platform: raw payloads, each record read tolerantly, failures by index. */
    @TestConfiguration(proxyBeanMethods = false)
    static class GreetingConsumer {

        private final List<Greeting.Hello> handled = new CopyOnWriteArrayList<>();
        private final TolerantEventReader reader;

        GreetingConsumer(TolerantEventReader reader) {
            this.reader = reader;
        }

        List<Greeting.Hello> handled() {
            return handled;
        }

        @Bean
        static ConcurrentKafkaListenerContainerFactory<Object, Object> greetingBatches(ConsumerFactory<Object, Object> consumers,
                DeadLetters deadLetters) {
            ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
            factory.setConsumerFactory(consumers);
            factory.setBatchListener(true);
            factory.setCommonErrorHandler(deadLetters.errorHandler(new FixedBackOff(100L, 1L),
                    DeadLetters.topicOfGroup("platform-test")));
            return factory;
        }

        @KafkaListener(topics = GREETINGS, groupId = "platform-test", containerFactory = "greetingBatches")
        void on(List<ConsumerRecord<String, String>> batch) {
            Batches.eachRecord(batch, (index, record) -> reader.read(record, Greeting.class, GREETINGS)
                    .ifPresent(greeting -> {
                        if (greeting instanceof Greeting.Hello hello) {
                            handled.add(hello);
                        }
                    }));
        }
    }
}
