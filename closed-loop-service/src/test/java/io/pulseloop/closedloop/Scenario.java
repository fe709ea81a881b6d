package io.pulseloop.closedloop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.Consent;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/** Events as the other services publish them, and calls of the staff API, for integration tests. */
public final class Scenario {

    public static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    public Scenario(int port) {
        this.port = port;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void owner(String ownerId, String managerId) {
        OwnerUpserted owner = new OwnerUpserted(UUID.randomUUID().toString(), Instant.now(), "corr", "crm://test",
                unique("src"), ownerId, ownerId + "@acme.example", "Owner " + ownerId, managerId, "team-a");
        KAFKA.publish(Topics.CRM_OWNERS, ownerId, json(owner));
    }

    public static void contact(String contactId, String ownerId, AccountTier tier, boolean marketing, String locale) {
        ContactUpserted contact = new ContactUpserted(UUID.randomUUID().toString(), Instant.now(), contactId, "corr",
                "crm://test", unique("src"), contactId + "@customer.example", "Jana", "Nováková", "acc-" + contactId,
                "Acme & Sons <Ltd>", tier, "CZ", "Prague", ownerId, locale, "Europe/Prague", CustomerStatus.CUSTOMER,
                new Consent(true, marketing), false);
        KAFKA.publish(Topics.CRM_CONTACTS, contactId, json(contact));
    }

    public static void erased(String contactId) {
        KAFKA.publish(Topics.CRM_CONTACTS, contactId, json(new ContactErased(UUID.randomUUID().toString(),
                Instant.now(), contactId, "corr", "crm://test", unique("src"))));
    }

    public static ScoreRecorded score(String contactId, String ownerId, String responseId, int revision, Metric metric,
            int score, String comment, AccountTier tier) {
        SurveyContext context = new SurveyContext("acc-" + contactId, "Acme & Sons <Ltd>", tier,
                CustomerStatus.CUSTOMER, "CZ", "Prague", ownerId, "crm.ticket.closed", "t-ev", "T-1", "repair",
                "tech-7", null, null, null, null);
        return new ScoreRecorded(UUID.randomUUID().toString(), Instant.now(), contactId, "corr-" + responseId,
                responseId, "inv-" + responseId, revision, "survey-nps", 1, metric, score, ScoreCategory.DETRACTOR,
                comment, Map.of(), "en", ResponseChannel.WEB_PAGE, Instant.now(), context);
    }

    public static void publish(ScoreRecorded score) {
        KAFKA.publish(Topics.RESPONSE_SCORES, score.contactId(), json(score));
    }

    public static void churnRisk(String contactId, String ownerId) {
        ChurnRiskDetected signal = new ChurnRiskDetected(UUID.randomUUID().toString(), Instant.now(), contactId,
                "corr", "acc-" + contactId, ownerId, Metric.NPS, 9, 3, "NPS fell from 9 to 3");
        KAFKA.publish(Topics.ANALYTICS_SIGNALS, contactId, json(signal));
    }

    public static String json(Object value) {
        return EventJson.mapper().writeValueAsString(value);
    }

    public HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null && !authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null && !authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public JsonNode getJson(String path, String authorization) {
        HttpResponse<String> response = get(path, authorization);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }

    public static JsonNode parse(String body) {
        return EventJson.mapper().readTree(body);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
