package io.pulseloop.testsupport.kafka;

import static io.pulseloop.testsupport.kafka.KafkaRecords.withHeader;
import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KafkaTestClientIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure();

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void probeSeesOnlyRecordsWrittenAfterItOpened() {
        String topic = uniqueTopic();
        kafka.publish(topic, "c-1", "before");

        try (TopicProbe probe = kafka.openProbe(topic)) {
            kafka.publish(topic, "c-1", "after");

            assertThat(probe.awaitRecord(withKey("c-1"), TIMEOUT).value()).isEqualTo("after");
            assertThat(probe.records()).extracting(ConsumerRecord::value).containsExactly("after");
        }
    }

    @Test
    void awaitsSeveralRecordsAcrossPartitionsAndTopics() {
        String invitations = uniqueTopic();
        String reminders = uniqueTopic();
        try (TopicProbe probe = kafka.openProbe(invitations, reminders)) {
            for (int i = 0; i < 6; i++) {
                kafka.publish((i % 2 == 0) ? invitations : reminders, "c-" + i, "n" + i,
                        Map.of("ce_type", "survey.invitation.sent"));
            }

            List<ConsumerRecord<String, String>> records = probe.awaitRecords(6,
                    withHeader("ce_type", "survey.invitation.sent"), TIMEOUT);

            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("n0", "n1", "n2", "n3", "n4", "n5");
            assertThat(records).extracting(ConsumerRecord::partition).hasSizeGreaterThan(1);
        }
    }

    @Test
    void reportsWhatArrivedWhenTheAwaitedRecordDoesNot() {
        String topic = uniqueTopic();
        try (TopicProbe probe = kafka.openProbe(topic)) {
            kafka.publish(topic, "c-other", "not the one");

            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> probe.awaitRecord(withKey("c-awaited"), Duration.ofMillis(500)))
                    .withMessageContaining("c-other")
                    .withMessageContaining("not the one");
        }
    }

    @Test
    void assertNoRecordPassesWhenOnlyOtherRecordsArrive() {
        String topic = uniqueTopic();
        try (TopicProbe probe = kafka.openProbe(topic)) {
            kafka.publish(topic, "c-allowed", "fine");

            probe.assertNoRecord(withKey("c-suppressed"), Duration.ofMillis(300));

            assertThat(probe.records()).extracting(ConsumerRecord::key).contains("c-allowed");
        }
    }

    @Test
    void assertNoRecordFailsWhenAMatchingRecordArrives() {
        String topic = uniqueTopic();
        try (TopicProbe probe = kafka.openProbe(topic)) {
            kafka.publish(topic, "c-suppressed", "should not have been sent");

            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> probe.assertNoRecord(withKey("c-suppressed"), Duration.ofSeconds(1)))
                    .withMessageContaining("should not have been sent");
        }
    }

    @Test
    void publishesRawBytesWithHeaders() {
        String topic = uniqueTopic();
        byte[] unreadable = { (byte) 0xC3, (byte) 0x28 };
        try (TopicProbe probe = kafka.openProbe(topic)) {
            kafka.publish(topic, "c-1", unreadable, Map.of("ce_type", "crm.ticket.closed"));

            ConsumerRecord<String, String> record = probe.awaitRecord(withKey("c-1"), TIMEOUT);
            assertThat(KafkaRecords.header(record, "ce_type")).isEqualTo("crm.ticket.closed");
            assertThat(KafkaRecords.header(record, "absent")).isNull();
            assertThat(record.value()).isEqualTo(new String(unreadable, StandardCharsets.UTF_8));
        }
    }

    @Test
    void createsATopicWithTheGivenPartitionCountOnce() throws Exception {
        String topic = uniqueTopic();

        kafka.createTopic(topic, 12);
        kafka.createTopic(topic, 1);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(12);
        }
    }

    @Test
    void readsOneKeysHistoryFromTheBeginningInOrder() {
        String topic = uniqueTopic();
        kafka.createTopic(topic, 3);
        kafka.publish(topic, "c-1", "opened");
        kafka.publish(topic, "c-2", "unrelated");
        kafka.publish(topic, "c-1", "escalated");
        kafka.publish(topic, "c-1", "resolved");

        assertThat(kafka.readTopic(topic, "c-1")).extracting(ConsumerRecord::value)
                .containsExactly("opened", "escalated", "resolved");
        assertThat(kafka.readTopic(topic)).hasSize(4);
    }

    @Test
    void closingTheClientClosesItsProbes() {
        KafkaTestClient client = KafkaTestClient.connect(kafka.bootstrapServers());
        TopicProbe probe = client.openProbe(uniqueTopic());

        client.close();

        assertThat(probe.isClosed()).isTrue();
    }

    private static String uniqueTopic() {
        return "testsupport.kafka-" + UUID.randomUUID().toString().substring(0, 8) + ".v1";
    }
}
