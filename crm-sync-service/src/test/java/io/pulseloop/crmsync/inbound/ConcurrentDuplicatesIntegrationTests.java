package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CyclicBarrier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.crmsync.WebhookClient;
import io.pulseloop.crmsync.cloudevents.CrmCloudEventReader;
import io.pulseloop.events.crm.inbound.CloudEventAttributes;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 11 #5: copies of one CloudEvent arriving at the same moment have the effect of one (contract §2.1: same
 * {@code source} + {@code id}). De-duplication is an insert keyed by that pair; the losers stand down.
 */
class ConcurrentDuplicatesIntegrationTests extends CrmSyncIntegrationTest {

    private static final int COPIES = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> producer;

    @Autowired
    ProcessedEvents processed;

    @Test
    void tenConcurrentWebhookPostsOfOneEventPublishExactlyOneCanonicalEvent() throws Exception {
        String contactId = CloudEvents.uniqueId("c-conc");
        String event = CloudEvents.dealWon(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        WebhookClient webhook = new WebhookClient(port);
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            List<HttpResponse<String>> responses = atOnce(() -> webhook.post(event, WEBHOOK_SECRET, Instant.now()));

            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202);
            assertExactlyOneCanonicalEvent(contacts, contactId);
        }
    }

    @Test
    void tenCopiesOfOneEventOnDifferentPartitionsAtOncePublishExactlyOneCanonicalEvent() {
        String contactId = CloudEvents.uniqueId("c-conc");
        byte[] event = CloudEvents.dealWon(CloudEvents.uniqueId("evt"), contactId, Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            // different record keys spread the copies over the partitions, so different consumers race for them
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                acks.add(producer.send(new ProducerRecord<>(Topics.CRM_INBOUND, contactId + "-copy-" + i, event)));
            }
            producer.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();

            assertExactlyOneCanonicalEvent(contacts, contactId);
        }
    }

    @Test
    void exactlyOneOfTenConcurrentClaimsOfOneEventWins() throws Exception {
        CloudEventAttributes attributes = new CloudEventAttributes(CloudEvents.uniqueId("evt"), CloudEvents.SOURCE,
                "crm.deal.won", Instant.now());
        String id = CrmCloudEventReader.canonicalEventId(attributes);
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            origins.add(Topics.CRM_INBOUND + "-" + i + "@42");
        }
        List<Set<String>> owned = atOnce(origins.iterator()::next, origin -> processed.claim(
                List.of(new ProcessedEvents.Claim(id, attributes, origin))));

        assertThat(owned.stream().filter(set -> set.contains(id))).hasSize(1);
        // the winner's own record, redelivered after a crash, still owns its claim; a loser's never does
        String winner = origins.get(owned.indexOf(owned.stream().filter(set -> set.contains(id)).findFirst()
                .orElseThrow()));
        assertThat(processed.claim(List.of(new ProcessedEvents.Claim(id, attributes, winner)))).containsOnly(id);
        assertThat(processed.claim(List.of(new ProcessedEvents.Claim(id, attributes, "elsewhere-0@1")))).isEmpty();
    }

    private static void assertExactlyOneCanonicalEvent(TopicProbe contacts, String contactId) {
        contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> contacts.records().stream()
                .filter(KafkaRecords.withKey(contactId)).count() == 1);
    }

    private static <T> List<T> atOnce(Callable<T> call) throws Exception {
        return atOnce(() -> null, ignored -> call.call());
    }

    /** Runs {@value #COPIES} calls released together by a barrier; the results in start order. */
    private static <A, T> List<T> atOnce(java.util.function.Supplier<A> arguments, ThrowingFunction<A, T> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(COPIES);
        try {
            CyclicBarrier start = new CyclicBarrier(COPIES);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                A argument = arguments.get();
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(argument);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingFunction<A, T> {
        T apply(A argument) throws Exception;
    }
}
