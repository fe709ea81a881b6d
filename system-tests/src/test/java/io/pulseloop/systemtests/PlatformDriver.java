package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;

/**
 * What a CRM, a customer and a staff member do to a running {@link WholePlatform}, and what they see of it: CRM
 * events on {@code crm.inbound.v1}, emails in GreenMail, answers through the public API, staff calls with real JWTs,
 * the CRM card as the write-backs left it. For the whole-flow test classes that are not
 * {@link WholeFlowSystemTests}; its {@link #request} is the one HTTP helper of every system test class.
 */
final class PlatformDriver {

    /** How long one step of a flow across the five processes may take on a loaded 2-core machine. */
    static final Duration FLOW = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final WholePlatform platform;

    PlatformDriver(WholePlatform platform) {
        this.platform = platform;
    }

    static String address(String id) {
        return id + "@example.com";
    }

    String admin() {
        return platform.tokens.bearer("admin-system-tests", "ADMIN");
    }

    // --- the CRM ---------------------------------------------------------------------------------------------------

    void publishOwner(String ownerId, String managerId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ownerId", ownerId);
        data.put("email", address(ownerId));
        data.put("name", "Owner " + ownerId);
        if (managerId != null) {
            data.put("managerId", managerId);
        }
        data.put("team", "success");
        platform.kafka.publish(Topics.CRM_INBOUND, ownerId, CrmEvents.event("crm.owner.upserted", data));
    }

    /** A customer contact with surveys consent and no marketing consent; change fields of the map, then publish. */
    static Map<String, Object> contact(String contactId, String ownerId, String accountId, String tier, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put("email", address(contactId));
        data.put("firstName", "Jana");
        data.put("lastName", "Nováková");
        data.put("accountId", accountId);
        data.put("accountName", "Account " + accountId);
        data.put("accountTier", tier);
        data.put("region", region);
        data.put("branch", "Brno");
        data.put("ownerId", ownerId);
        data.put("locale", "en");
        data.put("timeZone", "Europe/Prague");
        data.put("customerStatus", "customer");
        data.put("consent", Map.of("surveys", true, "marketing", false));
        data.put("doNotContact", false);
        return data;
    }

    void publishContact(Map<String, Object> data) {
        publish((String) data.get("contactId"), CrmEvents.event("crm.contact.upserted", data));
    }

    void publishDealWon(String contactId, String dealId, String product, String ownerId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dealId", dealId);
        data.put("contactId", contactId);
        data.put("closedAt", Instant.now().toString());
        data.put("amount", 125000);
        data.put("currency", "CZK");
        data.put("product", product);
        data.put("ownerId", ownerId);
        publish(contactId, CrmEvents.event("crm.deal.won", data));
    }

    void publish(String key, String cloudEvent) {
        platform.kafka.publish(Topics.CRM_INBOUND, key, cloudEvent);
    }

    /** The contact's CRM properties as the write-backs left them, last write wins per property. */
    Map<String, String> crmState(String contactId) {
        Map<String, String> state = new LinkedHashMap<>();
        platform.crm.server().findAll(patchRequestedFor(urlEqualTo("/crm/v3/objects/contacts/" + contactId))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).forEach(request -> {
                    JsonNode properties = EventJson.mapper().readTree(request.getBodyAsString()).path("properties");
                    properties.propertyNames().forEach(name -> state.put(name, properties.get(name).asString()));
                });
        return state;
    }

    // --- the customer ----------------------------------------------------------------------------------------------

    /** Waits until {@code count} emails reached the address; returns them oldest first. */
    List<Email> awaitEmailsTo(String address, int count) {
        await(count + " email(s) to " + address).atMost(FLOW).until(() -> emailsTo(address).size() >= count);
        return emailsTo(address);
    }

    List<Email> emailsTo(String address) {
        return platform.smtp.receivedMessages().stream().map(Email::of)
                .filter(email -> email.to().toLowerCase().contains(address.toLowerCase())).toList();
    }

    HttpResponse<String> answer(String token, Object score, String comment) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("score", score);
        if (comment != null) {
            body.put("comment", comment);
        }
        return post(platform.response.baseUrl() + "/api/v1/responses", null,
                EventJson.mapper().writeValueAsString(body));
    }

    /**
     * Answers an invitation just emailed: response-service learns the invitation from {@code survey.invitations.v1},
     * so on a loaded machine the email can arrive a moment before the token is known there ({@code 404}); a
     * customer clicking that fast retries, and so does this.
     */
    HttpResponse<String> answerInvitation(String token, int score, String comment) throws Exception {
        return await("the invitation known to response-service").atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> answer(token, score, comment), response -> response.statusCode() != 404);
    }

    // --- staff -----------------------------------------------------------------------------------------------------

    /** The tasks of a contact, as an admin sees them. */
    List<JsonNode> tasks(String contactId) throws Exception {
        HttpResponse<String> response = get(platform.closedLoop.baseUrl() + "/api/v1/tasks?contactId="
                + encode(contactId), admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> tasks = new ArrayList<>();
        EventJson.mapper().readTree(response.body()).path("content").forEach(tasks::add);
        return tasks;
    }

    /** One group of {@code /api/v1/analytics/scores}, or null when no answer has that key yet. */
    JsonNode scoreGroup(String metric, String groupBy, String key) throws Exception {
        HttpResponse<String> response = get(platform.analytics.baseUrl() + "/api/v1/analytics/scores?metric="
                + metric + "&groupBy=" + groupBy, admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode group : EventJson.mapper().readTree(response.body()).path("groups")) {
            if (key.equals(group.path("key").asString())) {
                return group;
            }
        }
        return null;
    }

    // --- HTTP ------------------------------------------------------------------------------------------------------

    HttpResponse<String> get(String url, String authorization) throws Exception {
        return request("GET", url, authorization, null, null);
    }

    HttpResponse<String> post(String url, String authorization, String json) throws Exception {
        return request("POST", url, authorization, "application/json", json);
    }

    HttpResponse<String> send(String url, String method, String authorization, String contentType, String body)
            throws Exception {
        return request(method, url, authorization, contentType, body);
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The one HTTP exchange of the system tests, as a customer's browser or a staff member's client makes it: the
     * method, an optional bearer token ({@code Authorization}, e.g. {@code platform.tokens.bearer(...)}) and an optional
     * body of the given content type; 30 s to answer.
     *
     * @param authorization the {@code Authorization} header, or null for none
     * @param contentType the body's type, or null for none
     * @param body the body, or null for none
     */
    static HttpResponse<String> request(String method, String url, String authorization, String contentType,
            String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
