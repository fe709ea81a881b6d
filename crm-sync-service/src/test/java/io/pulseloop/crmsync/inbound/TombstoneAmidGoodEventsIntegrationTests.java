package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.DeadLetters;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 11 #1: a record with a null value (a tombstone) amid good events. Contract §2.1: nothing is dropped, the bad
 * record goes to {@code crm.inbound.v1.dlq} with its cause and is counted, and every good event is processed — a
 * batch is never discarded because one of its records is bad.
 */
class TombstoneAmidGoodEventsIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int GOOD = 200;

    @Autowired
    KafkaTemplate<String, byte[]> producer;

    @Autowired
    MeterRegistry meters;

    @Test
    void tombstoneAmid200GoodEventsIsDeadLetteredWithItsCauseAndEveryGoodEventIsProcessed() {
        // one contact: every record on one partition, so the tombstone shares its batch with good events
        String contactId = CloudEvents.uniqueId("c-tomb");
        double deadLetteredBefore = deadLettered();
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS);
                TopicProbe dlq = kafka.openProbe(Topics.CRM_INBOUND_DLQ)) {
            Set<String> sent = new HashSet<>();
            List<CompletableFuture<?>> acks = new java.util.ArrayList<>();
            for (int i = 0; i < GOOD; i++) {
                if (i == GOOD / 2) {
                    acks.add(producer.send(new ProducerRecord<>(Topics.CRM_INBOUND, contactId, null)));
                }
                String id = "evt-" + contactId + "-" + i;
                sent.add(id);
                acks.add(producer.send(new ProducerRecord<>(Topics.CRM_INBOUND, contactId,
                        CloudEvents.ticketClosed(id, contactId, Instant.now()).getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
            assertThat(dead.value()).isNull();
            assertThat(header(dead, DeadLetters.REASON)).isEqualTo("invalid");
            assertThat(header(dead, DeadLetters.ERROR)).contains("tombstone");
            assertThat(header(dead, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.CRM_INBOUND);

            List<ConsumerRecord<String, String>> canonical = contacts.awaitRecords(GOOD,
                    KafkaRecords.withKey(contactId), WAIT);
            Set<String> processed = new HashSet<>();
            canonical.forEach(record -> processed.add(sourceEventId(record.value())));
            assertThat(processed).isEqualTo(sent);
            await().atMost(WAIT).until(() -> deadLettered() >= deadLetteredBefore + 1);
        }
    }

    private double deadLettered() {
        return meters.find("pulseloop.crmsync.inbound.dead-lettered").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String sourceEventId(String canonicalJson) {
        int at = canonicalJson.indexOf("\"sourceEventId\":\"") + "\"sourceEventId\":\"".length();
        return canonicalJson.substring(at, canonicalJson.indexOf('"', at));
    }
}
