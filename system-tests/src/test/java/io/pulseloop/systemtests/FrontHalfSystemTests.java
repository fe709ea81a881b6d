package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Contract scenarios across crm-sync, survey and response services, each a separate process. Every scenario uses
 * its own contacts, so scenarios do not depend on each other or on their order.
 */
class FrontHalfSystemTests {

    private static final Duration FLOW = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(8);
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private static RunningPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    static void startPlatform() {
        platform = RunningPlatform.get();
    }

    @Test
    void ticketClosedBecomesCzechEmailOneClickAnswerAndCrmWriteBackWithRevision() throws Exception {
        // given a CRM that knows an owner and a Czech customer
        String contactId = newId("contact");
        String address = contactId + "@example.cz";
        String ownerId = newId("owner");
        publish(ownerId, CrmEvents.owner(ownerId, ownerId + "@acme.example", "Petr Dvořák"));
        publish(contactId, CrmEvents.contact(contactId, address, "cs", ownerId, true, false));

        // when the customer's ticket closes
        publish(contactId, CrmEvents.ticketClosed(contactId));

        // then exactly one CSAT email arrives, in Czech, with working links and RFC 8058 headers
        Email email = awaitEmailTo(address);
        assertThat(email.subject() + email.text()).containsPattern("[ěščřžůĚŠČŘŽŮ]");
        assertThat(email.surveyLink()).startsWith(platform.response.baseUrl() + "/s/");
        assertThat(email.listUnsubscribe()).isEqualTo("<" + platform.response.baseUrl() + "/u/" + email.token() + ">");
        assertThat(email.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
        assertLinkWorks(email);

        // when the customer clicks score 2 in the email
        String scoreLink = email.scoreLink(2).orElseThrow(() -> new AssertionError("no ?score=2 link:\n" + email.text()));
        HttpResponse<String> page = get(scoreLink, null);
        assertThat(page.statusCode()).isEqualTo(200);

        // then the CRM contact card shows CSAT 2
        await("CRM write-back of CSAT 2").atMost(FLOW).untilAsserted(() ->
                assertThat(crmState(contactId)).containsEntry("pulseloop_csat_score", "2"));
        assertThat(crmState(contactId)).containsKey("pulseloop_csat_date");
        platform.crm.server().verify(patchRequestedFor(urlEqualTo("/crm/v3/objects/contacts/" + contactId))
                .withHeader("Authorization", equalTo("Bearer " + RunningPlatform.CRM_TOKEN)));

        // when the customer revises the answer to 4 through the JSON API
        HttpResponse<String> revision = postJson(platform.response.uri("/api/v1/responses"),
                "{\"token\":\"" + email.token() + "\",\"score\":4,\"comment\":\"Nakonec vyřešeno\"}");
        assertThat(revision.statusCode()).isEqualTo(200);

        // then the CRM's last state is 4, and still only one email was ever sent
        await("CRM write-back of the revision").atMost(FLOW).untilAsserted(() ->
                assertThat(crmState(contactId)).containsEntry("pulseloop_csat_score", "4"));
        assertThat(emailsTo(address)).hasSize(1);
    }

    @Test
    void secondTicketInsideTheFatigueWindowSendsNoSecondEmail() throws Exception {
        String contactId = newId("contact");
        String address = contactId + "@example.com";
        publish(contactId, CrmEvents.contact(contactId, address, "en", null, true, false));
        publish(contactId, CrmEvents.ticketClosed(contactId));
        awaitEmailTo(address);

        publish(contactId, CrmEvents.ticketClosed(contactId));

        await("a FATIGUE_WINDOW decision").atMost(FLOW).untilAsserted(() ->
                assertThat(suppressions(contactId)).contains("FATIGUE_WINDOW"));
        assertNoFurtherEmail(address, 1);
    }

    @Test
    void signedWebhookBatchBecomesAnEmailAndAnUnsignedOneIsRefused() throws Exception {
        String signedContact = newId("contact");
        String unsignedContact = newId("contact");
        String batch = "[" + CrmEvents.contact(signedContact, signedContact + "@example.pl", "pl", null, true, false)
                + "," + CrmEvents.ticketClosed(signedContact) + "]";
        String unsignedBatch = "[" + CrmEvents.contact(unsignedContact, unsignedContact + "@example.pl", "pl", null,
                true, false) + "," + CrmEvents.ticketClosed(unsignedContact) + "]";
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> unsigned = webhook(unsignedBatch, now, null);
        HttpResponse<String> signed = webhook(batch, now,
                WebhookSigner.signature(RunningPlatform.WEBHOOK_SECRET, now, batch));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).isEqualTo(202);
        Email email = awaitEmailTo(signedContact + "@example.pl");
        assertThat(email.subject() + email.text()).containsPattern("[ąęłśćńźżĄĘŁŚĆŃŹŻ]");
        assertNoFurtherEmail(unsignedContact + "@example.pl", 0);
        assertThat(decisions(unsignedContact)).isEmpty();
    }

    @Test
    void doNotContactAndWithdrawnConsentMeanNoEmailWithTheReasons() throws Exception {
        String doNotContact = newId("contact");
        String noConsent = newId("contact");
        publish(doNotContact, CrmEvents.contact(doNotContact, doNotContact + "@example.com", "en", null, true, true));
        publish(noConsent, CrmEvents.contact(noConsent, noConsent + "@example.com", "en", null, false, false));

        publish(doNotContact, CrmEvents.ticketClosed(doNotContact));
        publish(noConsent, CrmEvents.ticketClosed(noConsent));

        await("suppression reasons").atMost(FLOW).untilAsserted(() -> {
            assertThat(suppressions(doNotContact)).contains("DO_NOT_CONTACT");
            assertThat(suppressions(noConsent)).contains("NO_SURVEY_CONSENT");
        });
        assertNoFurtherEmail(doNotContact + "@example.com", 0);
        assertThat(emailsTo(noConsent + "@example.com")).isEmpty();
    }

    @Test
    void oneClickUnsubscribeSuppressesTheNextTriggerAsUnsubscribed() throws Exception {
        String contactId = newId("contact");
        String address = contactId + "@example.com";
        publish(contactId, CrmEvents.contact(contactId, address, "en", null, true, false));
        publish(contactId, CrmEvents.ticketClosed(contactId));
        Email email = awaitEmailTo(address);
        assertLinkWorks(email);

        // the mail client's RFC 8058 one-click POST: no cookies, no CSRF token
        String target = email.listUnsubscribe().replaceAll("^<|>$", "");
        HttpResponse<String> unsubscribed = http.send(HttpRequest.newBuilder(URI.create(target))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsubscribed.statusCode()).isBetween(200, 299);

        // the opt-out travels response-service → Kafka → survey-service; each poll is a fresh trigger
        await("an UNSUBSCRIBED decision").atMost(FLOW).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            publish(contactId, CrmEvents.ticketClosed(contactId));
            assertThat(suppressions(contactId)).contains("UNSUBSCRIBED");
        });
        assertNoFurtherEmail(address, 1);
    }

    @Test
    void poisonRecordIsDeadLetteredAndTheFlowGoesOn() throws Exception {
        String contactId = newId("contact");
        String address = contactId + "@example.com";
        try (TopicProbe dlq = platform.kafka.openProbe(Topics.CRM_INBOUND_DLQ)) {
            publish(contactId, "{\"specversion\":\"1.0\",\"id\":\"broken\"");
            publish(contactId, CrmEvents.contact(contactId, address, "en", null, true, false));
            publish(contactId, CrmEvents.ticketClosed(contactId));

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(contactId), FLOW);
            assertThat(dead.value()).isEqualTo("{\"specversion\":\"1.0\",\"id\":\"broken\"");
            assertThat(KafkaRecords.headers(dead)).containsEntry("x-original-topic", Topics.CRM_INBOUND);
            awaitEmailTo(address);
        }
    }

    /**
     * A link works as soon as its email is in the inbox: survey-service publishes the token (InvitationIssued) and
     * waits for the broker before the email leaves; response-service reads it within moments.
     */
    private void assertLinkWorks(Email email) throws Exception {
        assertThat(get(email.surveyLink(), null).statusCode()).as(email.surveyLink()).isEqualTo(200);
    }

    private static String newId(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    private static void publish(String key, String cloudEvent) {
        platform.kafka.publish(Topics.CRM_INBOUND, key, cloudEvent);
    }

    private static Email awaitEmailTo(String address) {
        await("an email to " + address).atMost(FLOW).until(() -> !emailsTo(address).isEmpty());
        return emailsTo(address).get(0);
    }

    private static List<Email> emailsTo(String address) {
        return platform.smtp.receivedMessages().stream().map(Email::of)
                .filter(email -> email.to().equalsIgnoreCase(address)).toList();
    }

    private static void assertNoFurtherEmail(String address, int alreadyReceived) {
        await("no further email to " + address).during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> emailsTo(address).size() == alreadyReceived);
    }

    /** The contact's CRM properties as the write-backs left them, last write wins per property. */
    private static Map<String, String> crmState(String contactId) {
        List<LoggedRequest> patches = platform.crm.server()
                .findAll(patchRequestedFor(urlEqualTo("/crm/v3/objects/contacts/" + contactId)));
        Map<String, String> state = new LinkedHashMap<>();
        patches.stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).forEach(request -> {
            JsonNode properties = EventJson.mapper().readTree(request.getBodyAsString()).path("properties");
            properties.propertyNames().forEach(name -> state.put(name, properties.get(name).asString()));
        });
        return state;
    }

    /** {@code GET /api/v1/contacts/{id}/survey-decisions}, as the staff member "admin" of the local profile. */
    private List<JsonNode> decisions(String contactId) throws Exception {
        HttpResponse<String> response = get(platform.survey.baseUrl() + "/api/v1/contacts/" + contactId
                + "/survey-decisions", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> decisions = new ArrayList<>();
        EventJson.mapper().readTree(response.body()).forEach(decisions::add);
        return decisions;
    }

    /** The rules of the contact's {@code SUPPRESSED} decisions. */
    private List<String> suppressions(String contactId) throws Exception {
        return decisions(contactId).stream().filter(d -> "SUPPRESSED".equals(d.path("decision").asString()))
                .map(d -> d.path("rule").asString()).toList();
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(URI uri, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> webhook(String batch, long timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.crmSync.uri("/api/v1/crm/webhooks"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .header("X-Pulseloop-Timestamp", String.valueOf(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(batch));
        if (signature != null) {
            request.header("X-Pulseloop-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
