package io.pulseloop.systemtests.crmsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pulseloop.systemtests.ServiceProcess;
import io.pulseloop.testsupport.infrastructure.Infrastructure;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 11 #1 and #5 against the packaged crm-sync-service jar in its own process, on a real broker: a tombstone
 * amid 200 good CRM events on the inbound topic, and ten concurrent webhook posts of one CloudEvent.
 *
 * <p>The service under test runs alone: its own inbound topic (the contract's {@code crm.inbound.v1} renamed through
 * its binding; its webhook hands events to that same topic), its own consumer groups and database, so it cannot disturb
 * the platform other system tests share, nor be disturbed by it.
 * Canonical events and dead letters go to the usual topics; the test tells its own apart by their keys.
 */
class CrmInboundReliabilitySystemTests {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SECRET = HexFormat.of().formatHex(UUID.randomUUID().toString()
            .getBytes(StandardCharsets.UTF_8));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String INBOUND = "crm.inbound.v1.system-test-" + RUN;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaTestClient kafka;
    private static ServiceProcess crmSync;

    @BeforeAll
    static void start() throws Exception {
        Infrastructure infrastructure = SharedInfrastructure.get();
        kafka = KafkaTestClient.connect(infrastructure.kafkaBootstrapServers());
        kafka.createTopic(INBOUND, 3);
        kafka.ensureTopics("crm.contacts.v1", "crm.inbound.v1.dlq");
        String group = "crm-sync-system-test-" + RUN;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        environment.put("SPRING_MONGODB_URI", infrastructure.mongoConnectionString());
        environment.put("SPRING_MONGODB_DATABASE", "pulseloop-crm-sync-system-test-" + RUN);
        environment.put("PULSELOOP_CRM_WEBHOOK_SECRET", SECRET);
        StringBuilder json = new StringBuilder("{\"spring.cloud.stream.bindings.crmInbound-in-0.destination\":\"")
                .append(INBOUND).append('"');
        for (String binding : List.of("crmInbound", "contactUpdates", "ownerUpdates", "scoreWriteBack",
                "followUpWriteBack", "signalWriteBack")) {
            json.append(",\"spring.cloud.stream.bindings.").append(binding).append("-in-0.group\":\"").append(group)
                    .append('"');
        }
        environment.put("SPRING_APPLICATION_JSON", json.append('}').toString());
        Path project = Path.of(System.getProperty("pulseloop.project.dir", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"))
                .resolve("crm-sync-reliability-" + RUN);
        crmSync = ServiceProcess.start(project, "crm-sync-service", ServiceProcess.freePort(), environment, logs)
                .awaitReady(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (crmSync != null) {
            crmSync.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aTombstoneAmid200GoodEventsIsDeadLetteredWithItsCauseAndEveryGoodEventIsProcessed() {
        String contactId = "tomb-" + RUN;
        try (TopicProbe contacts = kafka.openProbe("crm.contacts.v1");
                TopicProbe deadLetters = kafka.openProbe("crm.inbound.v1.dlq")) {
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                if (i == 100) {
                    kafka.publish(INBOUND, contactId, (String) null);
                }
                String id = "evt-" + contactId + "-" + i;
                sent.add(id);
                kafka.publish(INBOUND, contactId, ticketClosed(id, contactId));
            }

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(r -> contactId.equals(r.key()), WAIT);
            assertThat(dead.value()).isNull();
            assertThat(header(dead, "pulseloop-dlq-reason")).isEqualTo("invalid");
            assertThat(header(dead, "pulseloop-dlq-error")).contains("tombstone");
            List<ConsumerRecord<String, String>> canonical = contacts.awaitRecords(200,
                    r -> contactId.equals(r.key()), WAIT);
            assertThat(canonical.stream().map(r -> sourceEventId(r.value())).collect(Collectors.toSet()))
                    .isEqualTo(sent);
        }
    }

    @Test
    void tenConcurrentWebhookPostsOfOneEventHaveOneEffect() throws Exception {
        String contactId = "dup-" + RUN;
        String body = ticketClosed("evt-" + contactId, contactId);
        try (TopicProbe contacts = kafka.openProbe("crm.contacts.v1")) {
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Integer> statuses = new ArrayList<>();
            try {
                CyclicBarrier start = new CyclicBarrier(10);
                List<Future<Integer>> posts = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    posts.add(pool.submit(() -> {
                        start.await();
                        return post(body).statusCode();
                    }));
                }
                for (Future<Integer> post : posts) {
                    statuses.add(post.get());
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(statuses).containsOnly(202);
            contacts.awaitRecord(r -> contactId.equals(r.key()), WAIT);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() -> contacts.records()
                    .stream().filter(r -> contactId.equals(r.key())).count() == 1);
        }
    }

    /** A webhook post signed as contract §2.2 says, through the jar's own HTTP port (its inbound topic is renamed). */
    private static HttpResponse<String> post(String body) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(crmSync.uri("/api/v1/crm/webhooks"))
                .header("Content-Type", "application/cloudevents+json")
                .header("X-Pulseloop-Timestamp", Long.toString(timestamp))
                .header("X-Pulseloop-Signature", "v1=" + hmac(timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String payload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String ticketClosed(String id, String contactId) {
        String now = Instant.now().toString();
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"crm://system-tests\","
                + "\"type\":\"crm.ticket.closed\",\"time\":\"" + now + "\",\"data\":{\"ticketId\":\"t-" + id
                + "\",\"contactId\":\"" + contactId + "\",\"closedAt\":\"" + now + "\"}}";
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
