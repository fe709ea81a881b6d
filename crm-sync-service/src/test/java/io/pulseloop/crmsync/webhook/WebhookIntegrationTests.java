package io.pulseloop.crmsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.crmsync.WebhookClient;
import io.pulseloop.crmsync.webhook.rules.WebhookSignature;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** Contract §2.2, case by case. */
class WebhookIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private WebhookClient webhook;

    @BeforeEach
    void client() {
        webhook = new WebhookClient(port);
    }

    @Test
    void acceptsValidSignedEventOnceKafkaHasIt() {
        String contactId = CloudEvents.uniqueId("c");
        String event = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        try (TopicProbe inbound = kafka.openProbe(Topics.CRM_INBOUND);
                TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            HttpResponse<String> response = webhook.post(event, WEBHOOK_SECRET, Instant.now());

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).contains("\"accepted\":1");
            // acknowledged by Kafka before 202: the record is already on the inbound topic
            assertThat(inbound.awaitRecord(KafkaRecords.withKey(contactId), Duration.ofSeconds(5)).value())
                    .contains(contactId);
            assertThat(contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT).value())
                    .contains("\"eventType\":\"TicketClosed\"");
        }
    }

    @Test
    void refusesWrongSecretWith401AndRecordsNothing() {
        String contactId = CloudEvents.uniqueId("c");
        String event = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        double before = rejections("bad-signature");
        try (TopicProbe inbound = kafka.openProbe(Topics.CRM_INBOUND)) {
            HttpResponse<String> response = webhook.post(event, "not-the-secret", Instant.now());

            assertProblem(response, 401, "bad-signature");
            inbound.assertNoRecord(KafkaRecords.withKey(contactId), QUIET);
        }
        assertThat(rejections("bad-signature")).isEqualTo(before + 1);
    }

    @Test
    void refusesMissingSignatureWith401() {
        byte[] body = CloudEvents.ticketClosed("evt-1", "c-1", Instant.now()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = webhook.post(body, Long.toString(Instant.now().getEpochSecond()), null,
                "application/cloudevents+json");

        assertProblem(response, 401, "missing-signature");
    }

    @Test
    void refusesTamperedBodyWith401() {
        String contactId = CloudEvents.uniqueId("c");
        String event = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = WebhookSignature.sign(WEBHOOK_SECRET, timestamp, event.getBytes(StandardCharsets.UTF_8));
        byte[] tampered = event.replace("installation", "refund").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = webhook.post(tampered, timestamp, signature, "application/cloudevents+json");

        assertProblem(response, 401, "bad-signature");
    }

    @Test
    void refusesReplayedTimestampWith401() {
        String event = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), CloudEvents.uniqueId("c"), Instant.now());

        assertProblem(webhook.post(event, WEBHOOK_SECRET, Instant.now().minusSeconds(6 * 60)), 401, "replayed");
        assertProblem(webhook.post(event, WEBHOOK_SECRET, Instant.now().plusSeconds(6 * 60)), 401, "replayed");
    }

    @Test
    void acceptsRotatedSecretAndSeveralV1Values() {
        String contactId = CloudEvents.uniqueId("c");
        String event = CloudEvents.dealWon(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String both = WebhookSignature.sign("retired-secret", timestamp, body) + ","
                + WebhookSignature.sign(NEXT_WEBHOOK_SECRET, timestamp, body);

        assertThat(webhook.post(event, NEXT_WEBHOOK_SECRET, Instant.now()).statusCode()).isEqualTo(202);
        assertThat(webhook.post(body, timestamp, both, "application/cloudevents+json").statusCode()).isEqualTo(202);
    }

    @Test
    void refusesBodyOverOneMebibyteWith413() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        String timestamp = Long.toString(Instant.now().getEpochSecond());

        HttpResponse<String> response = webhook.post(body, timestamp,
                WebhookSignature.sign(WEBHOOK_SECRET, timestamp, body), "application/cloudevents+json");

        assertProblem(response, 413, "too-large");
    }

    @Test
    void acceptsBodyOfExactlyOneMebibyte() {
        String event = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), CloudEvents.uniqueId("c"), Instant.now());
        StringBuilder padded = new StringBuilder(event);
        while (padded.length() < 1024 * 1024) {
            padded.append(' ');
        }

        assertThat(webhook.post(padded.toString(), WEBHOOK_SECRET, Instant.now()).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesMalformedJsonWith400ProblemJson() {
        HttpResponse<String> response = webhook.post("{\"specversion\":\"1.0\",", WEBHOOK_SECRET, Instant.now());

        assertProblem(response, 400, "malformed");
    }

    @Test
    void refusesMissingRequiredFieldWith400NamingTheField() {
        String event = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), CloudEvents.uniqueId("c"), Instant.now())
                .replace("\"ticketId\"", "\"ticketNumber\"");

        HttpResponse<String> response = webhook.post(event, WEBHOOK_SECRET, Instant.now());

        assertProblem(response, 400, "invalid");
        assertThat(response.body()).contains("\"field\":\"data.ticketId\"");
    }

    @Test
    void acceptsBatchAndPublishesEveryEventInOrder() {
        String contactId = CloudEvents.uniqueId("c");
        Instant time = Instant.now();
        String batch = "[" + CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"), contactId, time, "a@example.com")
                + "," + CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, time.plusSeconds(1))
                + "," + CloudEvents.event(CloudEvents.uniqueId("evt"), "crm.invoice.paid", time, Map.of())
                + "]";
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            HttpResponse<String> response = webhook.post(batch, WEBHOOK_SECRET, Instant.now());

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).contains("\"accepted\":2", "\"unknownTypes\":1");
            assertThat(contacts.awaitRecords(2, KafkaRecords.withKey(contactId), WAIT))
                    .extracting(record -> record.value().contains("ContactUpserted") ? "upsert" : "ticket")
                    .containsExactly("upsert", "ticket");
        }
    }

    @Test
    void refusesBatchWithOneInvalidEventNamingItsIndex() {
        String batch = "[" + CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), "c-1", Instant.now()) + ","
                + CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"), "c-2", Instant.now(), "not-an-email") + "]";

        HttpResponse<String> response = webhook.post(batch, WEBHOOK_SECRET, Instant.now());

        assertProblem(response, 400, "invalid");
        assertThat(response.body()).contains("\"field\":\"[1].data.email\"");
    }

    @Test
    void acceptsSameEventIdAgainWithoutSecondEffect() {
        String contactId = CloudEvents.uniqueId("c");
        String event = CloudEvents.dealLost(CloudEvents.uniqueId("evt"), contactId, Instant.now(), "price");
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            assertThat(webhook.post(event, WEBHOOK_SECRET, Instant.now()).statusCode()).isEqualTo(202);
            contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);

            HttpResponse<String> again = webhook.post(event, WEBHOOK_SECRET, Instant.now());

            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).contains("\"duplicates\":1", "\"status\":\"duplicate\"");
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(
                    () -> contacts.records().stream().filter(KafkaRecords.withKey(contactId)).count() == 1);
        }
    }

    private double rejections(String reason) {
        var counter = meters.find("pulseloop.crmsync.webhook.rejections").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"reason\":\"" + reason + "\"", "\"status\":" + status);
    }
}
