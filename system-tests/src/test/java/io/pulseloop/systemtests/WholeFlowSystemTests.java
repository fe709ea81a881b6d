package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.browser.HeadlessChromium;
import io.pulseloop.testsupport.crm.CrmCloudEvents;

/**
 * The whole flow across the five services, each its own process, in the production profile: a closed ticket becomes
 * a CSAT email, the customer answers in a real browser, closed-loop opens a task and alerts its owner by email and
 * webhook, the CRM card shows score, open follow-up and marketing pause, the agent (a real JWT) works the task to
 * resolution, the CRM card follows, and analytics counts the answers by technician and ticket type with the margin
 * of contract §6.2. Then an erasure followed through every service's database.
 */
class WholeFlowSystemTests {

    private static final Duration FLOW = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(8);

    private static WholePlatform platform;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startPlatform() throws Exception {
        // shared with the other whole-flow classes (ErasedPersonalDataSystemTests); stopped when the JVM exits
        platform = WholePlatform.shared();
    }

    @Test
    void csatAnswerInTheBrowserBecomesATaskAlertsCrmWriteBacksResolutionAndAnalytics() throws Exception {
        HeadlessChromium.assumeInstalled();
        // given a manager, an agent reporting to them, another agent, and three customers of the agent
        String manager = "mgr-" + run;
        String agent = "agt-" + run;
        String otherAgent = "oth-" + run;
        String technician = "tech-" + run;
        String ticketType = "repair-" + run;
        publishOwner(manager, null);
        publishOwner(agent, manager);
        publishOwner(otherAgent, manager);
        List<String> contacts = List.of("c1-" + run, "c2-" + run, "c3-" + run);
        for (String contact : contacts) {
            publishContact(contact, agent, "standard", "Jana", "Nováková");
        }
        // when their tickets close
        for (String contact : contacts) {
            publish(contact, CrmEvents.event("crm.ticket.closed", Map.of("ticketId", "t-" + contact,
                    "contactId", contact, "closedAt", Instant.now().toString(), "ticketType", ticketType,
                    "technicianId", technician, "subject", "Router")));
        }

        // then each gets a CSAT email; two answer through the API, one in the browser with 2 and a comment
        Email first = awaitEmailTo(address(contacts.get(0)));
        assertThat(answer(awaitEmailTo(address(contacts.get(1))).token(), 4).statusCode()).isEqualTo(201);
        assertThat(answer(awaitEmailTo(address(contacts.get(2))).token(), 5).statusCode()).isEqualTo(201);
        String comment = "The technician came late & left <b>a mess</b>";
        answerInTheBrowser(first.surveyLink(), 2, comment);

        // then closed-loop opens a LOW_CSAT task for the agent
        String customer = contacts.get(0);
        JsonNode task = await("a LOW_CSAT task for " + customer).atMost(FLOW).until(
                () -> tasks(customer, platform.tokens.bearer(agent, "AGENT")), list -> list.size() == 1).get(0);
        String taskId = task.path("id").asString();
        assertThat(task.path("reason").asString()).isEqualTo("LOW_CSAT");
        assertThat(task.path("status").asString()).isEqualTo("OPEN");
        assertThat(task.path("assigneeId").asString()).isEqualTo(agent);
        assertThat(task.path("score").asInt()).isEqualTo(2);
        assertThat(task.path("comment").asString()).isEqualTo(comment);
        assertThat(task.path("metric").asString()).isEqualTo("CSAT");
        assertThat(task.path("surveyId").asString()).isEqualTo("support-csat");
        assertThat(task.path("dueAt").isNull()).isFalse();

        // and alerts the agent by email (the inbox link, the comment escaped in HTML) and by a signed webhook
        Email alert = awaitEmailTo(address(agent));
        assertThat(alert.html()).containsAnyOf("/inbox/tasks/" + taskId, "/inbox/tasks/" + taskId.replace(":", "%3A"))
                .contains("Acme " + customer);
        assertThat(alert.html()).contains("&lt;b&gt;a mess&lt;/b&gt;").doesNotContain("<b>a mess</b>");
        await("a signed webhook alert").atMost(FLOW).until(() -> !alertsMentioning(taskId, customer).isEmpty());
        LoggedRequest webhook = alertsMentioning(taskId, customer).get(0);
        assertThat(EventJson.mapper().readTree(webhook.getBodyAsString()).path("text").asString()).isNotBlank();
        assertThat(webhook.getHeader("X-Pulseloop-Signature")).contains("v1=" + hmac(
                webhook.getHeader("X-Pulseloop-Timestamp") + "." + webhook.getBodyAsString()));

        // and the CRM card shows the score, the open follow-up and the marketing pause
        await("CRM write-backs of the score and the open task").atMost(FLOW).untilAsserted(() ->
                assertThat(crmState(customer)).containsEntry("pulseloop_csat_score", "2")
                        .containsEntry("pulseloop_followup_open", "true")
                        .containsEntry("pulseloop_marketing_paused", "true"));

        // another agent sees nothing of it; the manager does; nobody unauthenticated does
        assertThat(get(platform.closedLoop.baseUrl() + "/api/v1/tasks/" + taskId,
                platform.tokens.bearer(otherAgent, "AGENT")).statusCode()).isEqualTo(404);
        assertThat(get(platform.closedLoop.baseUrl() + "/api/v1/tasks/" + taskId,
                platform.tokens.bearer(manager, "MANAGER")).statusCode()).isEqualTo(200);
        assertThat(get(platform.closedLoop.baseUrl() + "/api/v1/tasks/" + taskId, null).statusCode())
                .isEqualTo(401);

        // when the agent could not reach the customer, then resolves the task with a root cause
        String bearer = platform.tokens.bearer(agent, "AGENT");
        HttpResponse<String> attempt = post(platform.closedLoop.baseUrl() + "/api/v1/tasks/" + taskId + "/attempts",
                bearer, "{\"reached\":false,\"note\":\"voicemail\"}");
        assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(200);
        JsonNode attempted = EventJson.mapper().readTree(attempt.body());
        assertThat(attempted.path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(attempted.path("attempts").get(0).path("by").asString()).isEqualTo(agent);
        assertThat(attempted.path("attempts").get(0).path("reached").asBoolean()).isFalse();
        assertThat(attempted.path("nextAttemptAt").isNull()).isFalse();
        String rootCause = EventJson.mapper().readTree(get(platform.closedLoop.baseUrl() + "/api/v1/tasks/root-causes",
                bearer).body()).get(0).asString();
        String resolution = "{\"rootCause\":\"" + rootCause + "\",\"note\":\"apologised, revisit booked\","
                + "\"recovered\":true}";
        HttpResponse<String> resolved = post(platform.closedLoop.baseUrl() + "/api/v1/tasks/" + taskId + "/resolve",
                bearer, resolution);
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(resolved.body()).path("status").asString()).isEqualTo("RESOLVED");
        assertThat(post(platform.closedLoop.baseUrl() + "/api/v1/tasks/" + taskId + "/resolve", bearer, resolution)
                .statusCode()).isEqualTo(409);

        // then the CRM card shows the follow-up closed and marketing resumed
        await("CRM write-backs of the closed task").atMost(FLOW).untilAsserted(() ->
                assertThat(crmState(customer)).containsEntry("pulseloop_followup_open", "false")
                        .containsEntry("pulseloop_marketing_paused", "false"));

        // and analytics counts the three answers by technician and by ticket type: 2 of 3 satisfied
        double share = 2.0 / 3;
        for (String groupBy : List.of("technician", "ticketType")) {
            String key = groupBy.equals("technician") ? technician : ticketType;
            JsonNode group = await("CSAT by " + groupBy).atMost(FLOW).until(() -> csatGroup(groupBy, key),
                    g -> g != null && g.path("responses").asInt() == 3);
            assertThat(group.path("score").asDouble()).isCloseTo(100 * share, within(1e-9));
            assertThat(group.path("satisfied").asInt()).isEqualTo(2);
            assertThat(group.path("mean").asDouble()).isCloseTo(11.0 / 3, within(1e-9));
            assertThat(group.path("marginOfError").asDouble())
                    .isCloseTo(1.96 * Math.sqrt(share * (1 - share) / 3) * 100, within(1e-9));
            assertThat(group.path("lowSample").asBoolean()).isTrue();
        }
    }

    @Test
    void erasureRemovesPersonalDataFromEveryServiceKeepsTheScoresAndStopsInvitations() throws Exception {
        String owner = "own-" + run;
        String contact = "erase-" + run;
        String lastName = "Erasable" + run;
        String comment = "secret complaint " + run;
        String technician = "tech-erase-" + run;
        publishOwner(owner, null);
        publishContact(contact, owner, "standard", "Zdeňka", lastName);
        publish(contact, CrmEvents.event("crm.ticket.closed", Map.of("ticketId", "t-" + contact, "contactId", contact,
                "closedAt", Instant.now().toString(), "ticketType", "billing", "technicianId", technician,
                "subject", "Invoice")));
        Email email = awaitEmailTo(address(contact));
        assertThat(answer(email.token(), 1, comment).statusCode()).isEqualTo(201);
        String admin = platform.tokens.bearer("admin-" + run, "ADMIN");
        await("an open task").atMost(FLOW).until(() -> tasks(contact, admin), list -> list.size() == 1);
        await("the answer counted").atMost(FLOW).until(() -> csatGroup("technician", technician),
                g -> g != null && g.path("responses").asInt() == 1);
        assertThat(documentsMentioning(address(contact), lastName, comment)).as("before the erasure").isNotEmpty();

        // when the CRM erases the contact
        publish(contact, CrmEvents.event("crm.contact.erased", Map.of("contactId", contact)));

        // then the task is cancelled without comment or name, no database holds the personal data any more
        await("the task cancelled").atMost(FLOW).untilAsserted(() -> {
            JsonNode task = tasks(contact, admin).get(0);
            assertThat(task.path("status").asString()).isEqualTo("CANCELLED");
            assertThat(task.path("comment").isNull() || task.path("comment").isMissingNode()).isTrue();
        });
        await("personal data gone from every service's database").atMost(FLOW).untilAsserted(() ->
                assertThat(documentsMentioning(address(contact), lastName, comment)).isEmpty());
        // the score stays in the aggregates
        assertThat(csatGroup("technician", technician).path("responses").asInt()).isEqualTo(1);
        // and another closed ticket invites nobody
        publish(contact, CrmEvents.event("crm.ticket.closed", Map.of("ticketId", "t2-" + contact,
                "contactId", contact, "closedAt", Instant.now().toString())));
        await("no further email").during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> emailsTo(address(contact)).size() == 1);
    }

    private static String address(String id) {
        return id + "@example.com";
    }

    private static void publishOwner(String ownerId, String managerId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ownerId", ownerId);
        data.put("email", address(ownerId));
        data.put("name", "Owner " + ownerId);
        if (managerId != null) {
            data.put("managerId", managerId);
        }
        data.put("team", "support");
        platform.kafka.publish(Topics.CRM_INBOUND, ownerId, CrmEvents.event("crm.owner.upserted", data));
    }

    private static void publishContact(String contactId, String ownerId, String tier, String firstName,
            String lastName) {
        Map<String, Object> data = CrmCloudEvents.contact(contactId, address(contactId));
        data.put("firstName", firstName);
        data.put("lastName", lastName);
        data.put("accountName", "Acme " + contactId);
        data.put("accountTier", tier);
        data.put("region", "CEE");
        data.put("ownerId", ownerId);
        data.put("locale", "en");
        publish(contactId, CrmEvents.event("crm.contact.upserted", data));
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
                .filter(email -> email.to().toLowerCase().contains(address.toLowerCase())).toList();
    }

    private HttpResponse<String> answer(String token, int score) throws Exception {
        return answer(token, score, null);
    }

    private HttpResponse<String> answer(String token, int score, String comment) throws Exception {
        String body = "{\"token\":\"" + token + "\",\"score\":" + score
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}";
        return post(platform.response.baseUrl() + "/api/v1/responses", null, body);
    }

    private void answerInTheBrowser(String surveyLink, int score, String comment) {
        // a phone's window, in English
        try (HeadlessChromium chromium = HeadlessChromium.window(412, 1500).acceptLanguage("en")
                .screenshotPrefix("whole-flow-")) {
            WebDriver browser = chromium.open();
            browser.get(surveyLink);
            chromium.screenshot("1-survey");
            browser.findElement(By.cssSelector("label[for=score-" + score + "]")).click();
            browser.findElement(By.id("comment")).sendKeys(comment);
            WebElement send = browser.findElement(By.cssSelector("button[type=submit]"));
            send.click();
            chromium.waitUntil(Duration.ofSeconds(30), ExpectedConditions.stalenessOf(send));
            if (!browser.findElement(By.tagName("h1")).getText().equals("Thank you!")) {
                // the score is saved and the survey's follow-up question for its band appears: send again, as is
                chromium.screenshot("2-follow-up");
                browser.findElement(By.cssSelector("button[type=submit]")).click();
            }
            try {
                chromium.waitUntil(Duration.ofSeconds(30),
                        driver -> driver.findElement(By.tagName("h1")).getText().equals("Thank you!"));
            } finally {
                chromium.screenshot("3-thank-you");
                chromium.pageSource("3-thank-you");
            }
        }
    }

    private List<JsonNode> tasks(String contactId, String bearer) throws Exception {
        HttpResponse<String> response = get(platform.closedLoop.baseUrl() + "/api/v1/tasks?contactId=" + contactId,
                bearer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> tasks = new ArrayList<>();
        EventJson.mapper().readTree(response.body()).path("content").forEach(tasks::add);
        return tasks;
    }

    private JsonNode csatGroup(String groupBy, String key) throws Exception {
        HttpResponse<String> response = get(platform.analytics.baseUrl()
                + "/api/v1/analytics/scores?metric=CSAT&groupBy=" + groupBy,
                platform.tokens.bearer("admin-" + run, "ADMIN"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode group : EventJson.mapper().readTree(response.body()).path("groups")) {
            if (key.equals(group.path("key").asString())) {
                return group;
            }
        }
        return null;
    }

    private static List<LoggedRequest> alertsMentioning(String taskId, String contactId) {
        return platform.alerts.server().findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
                .filter(request -> request.getBodyAsString().contains(taskId)
                        || request.getBodyAsString().contains(contactId)).toList();
    }

    private static String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WholePlatform.ALERT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The contact's CRM properties as the write-backs left them, last write wins per property. */
    private static Map<String, String> crmState(String contactId) {
        Map<String, String> state = new LinkedHashMap<>();
        platform.crm.server().findAll(patchRequestedFor(urlEqualTo("/crm/v3/objects/contacts/" + contactId))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).forEach(request -> {
                    JsonNode properties = EventJson.mapper().readTree(request.getBodyAsString()).path("properties");
                    properties.propertyNames().forEach(name -> state.put(name, properties.get(name).asString()));
                });
        return state;
    }

    /** Every document of every database on the MongoDB server that still holds one of the strings. */
    private static List<String> documentsMentioning(String... needles) {
        List<String> found = new ArrayList<>();
        try (MongoClient client = MongoClients.create(platform.infrastructure.mongoConnectionString())) {
            for (String name : client.listDatabaseNames()) {
                MongoDatabase database = client.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    for (Document document : database.getCollection(collection).find()) {
                        String json = document.toJson();
                        for (String needle : needles) {
                            if (json.contains(needle)) {
                                found.add(name + "." + collection + " holds \"" + needle + "\"");
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return PlatformDriver.request("GET", url, authorization, null, null);
    }

    private static HttpResponse<String> post(String url, String authorization, String json) throws Exception {
        return PlatformDriver.request("POST", url, authorization, "application/json", json);
    }
}
