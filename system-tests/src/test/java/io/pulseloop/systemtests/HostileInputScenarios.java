package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pulseloop.systemtests.PlatformDriver.FLOW;
import static io.pulseloop.systemtests.PlatformDriver.address;
import static io.pulseloop.systemtests.PlatformDriver.contact;
import static io.pulseloop.systemtests.PlatformDriver.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.security.JwtTestTokens;

/**
 * Hostile input against the five running services, with the OWASP API Security Top 10 (2023) as the checklist.
 * Table-driven: every row is one request (or one attack) with the answer it must get, run as its own dynamic test so
 * that each row fails on its own; every row's answer is also written to {@code target/hostile-input-seen.md}, the
 * "answer seen" column of {@code docs/proof/hostile-input.md}. Runs inside {@link WholeFlowProofSystemTests}.
 */
abstract class HostileInputScenarios {

    /** A comment that runs script if any page, email or chat message renders it as markup. */
    static final String XSS = "<script>window.__xss='script'</script><img src=x onerror=\"window.__xss='img'\">"
            + " <!channel> <http://evil.example|click> [link](http://evil.example) \"'&";
    private static final Path SEEN = Path.of("target", "hostile-input-seen.md");
    private static final List<String> OPERATORS = List.of("{\"$gt\":\"\"}", "{\"$ne\":null}",
            "{\"$where\":\"sleep(5000)\"}");
    private static Fixture fixture;

    static {
        try {
            Files.deleteIfExists(SEEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final PlatformDriver driver;
    private final WholePlatform platform;

    HostileInputScenarios(PlatformDriver driver) {
        this.driver = driver;
        this.platform = driver.platform;
    }

    /**
     * What the rows attack, made once: an agent and their manager, another agent, another manager; a customer of the
     * agent whose detractor answer carries {@link #XSS} (so a task, an alert email, a Slack alert, the inbox); a
     * survey invitation token; and customers whose CRM region is a spreadsheet formula.
     */
    record Fixture(String run, String agent, String manager, String otherAgent, String otherManager, String customer,
            String taskId, String freshToken, String xssRegion, List<String> formulaRegions, String surveyId) {
    }

    private synchronized Fixture fixture() throws Exception {
        if (fixture != null) {
            return fixture;
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String manager = "hmgr-" + run;
        String agent = "hagt-" + run;
        String otherManager = "hmgr2-" + run;
        String otherAgent = "hagt2-" + run;
        driver.publishOwner(manager, null);
        driver.publishOwner(otherManager, null);
        driver.publishOwner(agent, manager);
        driver.publishOwner(otherAgent, otherManager);
        String customer = "hcust-" + run;
        String xssRegion = "<img src=x onerror=\"window.__xss='region'\">" + run;
        driver.publishContact(contact(customer, agent, "acc-" + customer, "standard", xssRegion));
        String fresh = "hfresh-" + run;
        driver.publishContact(contact(fresh, agent, "acc-" + fresh, "standard", "hostile-" + run));
        List<String> formulaRegions = List.of("=HYPERLINK(\"http://evil.example\",\"x\")" + run, "+1+1" + run,
                "-1-1" + run, "@SUM(A1)" + run, "\tTAB" + run);
        List<String> formulaContacts = new ArrayList<>();
        for (int i = 0; i < formulaRegions.size(); i++) {
            String contactId = "hcsv" + i + "-" + run;
            formulaContacts.add(contactId);
            driver.publishContact(contact(contactId, agent, "acc-" + contactId, "standard", formulaRegions.get(i)));
        }
        for (String contactId : concat(List.of(customer, fresh), formulaContacts)) {
            driver.publishDealWon(contactId, "deal-" + contactId, "hostile-" + run, agent);
        }
        assertThat(driver.answerInvitation(driver.awaitEmailsTo(address(customer), 1).get(0).token(), 2, XSS).statusCode())
                .isEqualTo(201);
        for (String contactId : formulaContacts) {
            assertThat(driver.answerInvitation(driver.awaitEmailsTo(address(contactId), 1).get(0).token(), 8, null)
                    .statusCode()).isEqualTo(201);
        }
        String freshToken = driver.awaitEmailsTo(address(fresh), 1).get(0).token();
        JsonNode task = await("the XSS detractor's task").atMost(FLOW).until(() -> driver.tasks(customer),
                tasks -> !tasks.isEmpty()).get(0);
        String surveyId = "hostile-put-" + run;
        HttpResponse<String> created = driver.post(platform.survey.baseUrl() + "/api/v1/surveys", driver.admin(),
                "{\"id\":\"" + surveyId + "\",\"metric\":\"NPS\",\"enabled\":false,\"trigger\":{\"eventType\":"
                        + "\"crm.deal.lost\",\"delay\":\"PT1H\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        fixture = new Fixture(run, agent, manager, otherAgent, otherManager, customer, task.path("id").asString(),
                freshToken, xssRegion, formulaRegions, surveyId);
        return fixture;
    }

    // --- API8/API4: malformed and oversized bodies on every API that takes one ---------------------------------------

    @TestFactory
    Stream<DynamicTest> malformedAndOversizedBodiesAreRefusedWithProblemJson() throws Exception {
        Fixture f = fixture();
        String big = "x".repeat(2 * 1024 * 1024);
        List<Row> rows = new ArrayList<>();
        for (Endpoint endpoint : jsonEndpoints(f)) {
            rows.add(new Row("malformed JSON: " + endpoint.name, "API8 misconfiguration", "`{\"a\":`",
                    "400 problem+json", endpoint.call("{\"a\":"), problem(400)));
            rows.add(new Row("not JSON: " + endpoint.name, "API8 misconfiguration", "`<x/>`",
                    "400 or 415 problem+json", endpoint.call("<x/>"), problemIn(400, 415)));
            rows.add(new Row("nested 100,000 deep: " + endpoint.name, "API4 resource consumption",
                    "`[[[[…` ×100,000", "400 or 413 problem+json, not 500", endpoint.call("[".repeat(100_000)),
                    problemIn(400, 413)));
            rows.add(new Row("2 MiB body: " + endpoint.name, "API4 resource consumption",
                    "a valid body with a 2 MiB string", "413 or 400 problem+json, nothing stored",
                    endpoint.call(endpoint.validBody().replace("\"PAYLOAD\"", "\"" + big + "\"")),
                    problemIn(400, 413)));
        }
        return dynamic("bodies", rows);
    }

    // --- API8/API3: NoSQL operators in every JSON field and every id ---------------------------------------------

    @TestFactory
    Stream<DynamicTest> noSqlOperatorsNeverMatchAndAreRefusedNamingTheField() throws Exception {
        Fixture f = fixture();
        List<Row> rows = new ArrayList<>();
        String api = "API8 injection";
        for (String operator : OPERATORS) {
            for (Endpoint endpoint : jsonEndpoints(f)) {
                for (String field : endpoint.fields) {
                    String body = endpoint.attacking(field, operator);
                    rows.add(new Row("operator in " + endpoint.name + " `" + field + "`", api, "`" + operator + "`",
                            "400 naming `" + field + "`", endpoint.call(body), problemNaming(400, field)));
                }
            }
        }
        // operators as keys: a key starting with $ or holding a dot where the API takes a map
        Endpoint surveys = jsonEndpoints(f).stream().filter(e -> e.name.startsWith("POST /api/v1/surveys"))
                .findFirst().orElseThrow();
        for (String key : List.of("$where", "$set", "a.b")) {
            String filters = surveys.validBody().replace("\"filters\":{}", "\"filters\":{\"" + key + "\":[\"x\"]}");
            rows.add(new Row("key `" + key + "` in survey `trigger.filters`", api, "`{\"" + key + "\":[\"x\"]}`",
                    "400 naming `trigger.filters…`", surveys.call(filters), problemNaming(400, "trigger.filters")));
            String title = surveys.validBody().replace("\"title\":{\"en\":\"t\"}",
                    "\"title\":{\"en\":\"t\",\"" + key + "\":\"x\"}");
            rows.add(new Row("key `" + key + "` in survey `texts.title`", api, "`{\"" + key + "\":\"x\"}`",
                    "400 naming `texts.title…`", surveys.call(title), problemNaming(400, "texts.title")));
        }
        // operators in ids and query parameters: plain strings, no match
        String admin = driver.admin();
        for (String operator : OPERATORS) {
            String id = encode(operator);
            rows.add(new Row("operator as task id", api, "`GET /api/v1/tasks/" + operator + "`", "404",
                    () -> seen(driver.get(platform.closedLoop.baseUrl() + "/api/v1/tasks/" + id, admin)),
                    status(404)));
            rows.add(new Row("operator in task filter `contactId`", api, "`?contactId=" + operator + "`",
                    "200, no task", () -> seen(driver.get(platform.closedLoop.baseUrl() + "/api/v1/tasks?contactId="
                            + id, admin)), ok(json -> json.path("content").isEmpty())));
            rows.add(new Row("operator in task filter `assigneeId`", api, "`?assigneeId=" + operator + "`",
                    "200, no task", () -> seen(driver.get(platform.closedLoop.baseUrl()
                            + "/api/v1/tasks?assigneeId=" + id, admin)), ok(json -> json.path("content").isEmpty())));
            rows.add(new Row("operator as contact id (survey decisions)", api,
                    "`/api/v1/contacts/" + operator + "/survey-decisions`", "200 `[]` or 404",
                    () -> seen(driver.get(platform.survey.baseUrl() + "/api/v1/contacts/" + id + "/survey-decisions",
                            admin)), s -> s.status() == 404 || s.status() == 200 && s.json().isEmpty()));
            rows.add(new Row("operator as contact id (CRM registry)", api, "`/api/v1/contacts/" + operator + "`",
                    "404", () -> seen(driver.get(platform.crmSync.baseUrl() + "/api/v1/contacts/" + id, admin)),
                    status(404)));
            rows.add(new Row("operator as response id", api, "`/api/v1/responses/" + operator + "`", "404",
                    () -> seen(driver.get(platform.response.baseUrl() + "/api/v1/responses/" + id, admin)),
                    status(404)));
            rows.add(new Row("operator in analytics `surveyId`", api, "`?surveyId=" + operator + "`",
                    "200 with no responses, or 400/404 naming `surveyId`", () -> seen(driver.get(
                            platform.analytics.baseUrl() + "/api/v1/analytics/scores?metric=NPS&surveyId=" + id,
                            admin)), s -> s.status() == 200 && s.json().path("overall").path("responses").asInt() == 0
                            || (s.status() == 400 || s.status() == 404) && "surveyId".equals(s.field())));
            rows.add(new Row("operator as survey token", api, "`GET /s/" + operator + "`", "404",
                    () -> seen(driver.get(platform.response.baseUrl() + "/s/" + id, null)), status(404)));
            rows.add(new Row("operator as token string in an answer", api, "`\"token\":\"" + operator + "\"`", "404",
                    () -> seen(driver.answer(operator, 9, null)), status(404)));
        }
        return dynamic("nosql", rows);
    }

    // --- API2: tokens that must not authenticate, answered uniformly -----------------------------------------------

    @TestFactory
    Stream<DynamicTest> invalidTokensAreRefusedWithOneUniformAnswer() throws Exception {
        JwtTestTokens tokens = platform.tokens;
        JwtTestTokens foreign = JwtTestTokens.startAnother();
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("garbage", "Bearer not-a-jwt");
        invalid.put("forged signature", "Bearer " + tokens.forgedToken("hacker", "ADMIN"));
        invalid.put("expired", "Bearer " + tokens.expiredToken("hacker", "ADMIN"));
        invalid.put("another issuer", "Bearer " + foreign.token("hacker", "ADMIN"));
        invalid.put("alg none", "Bearer " + unsigned(tokens.token("hacker", "ADMIN")));
        invalid.put("right issuer, no `sub`", "Bearer " + tokens.claims().roles("ADMIN").sign());
        foreign.close();
        Map<String, String> endpoints = Map.of(
                "survey", platform.survey.baseUrl() + "/api/v1/surveys",
                "response", platform.response.baseUrl() + "/api/v1/responses/some-id",
                "crm-sync", platform.crmSync.baseUrl() + "/api/v1/owners/some-owner",
                "closed-loop", platform.closedLoop.baseUrl() + "/api/v1/tasks",
                "analytics", platform.analytics.baseUrl() + "/api/v1/analytics/scores?metric=NPS");
        List<Row> rows = new ArrayList<>();
        Map<String, Seen> first = new LinkedHashMap<>();
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            rows.add(new Row("no token: " + endpoint.getKey(), "API2 broken authentication", "no Authorization",
                    "401 problem+json", () -> seen(driver.get(endpoint.getValue(), null)), problem(401)));
            for (Map.Entry<String, String> token : invalid.entrySet()) {
                rows.add(new Row(token.getKey() + " token: " + endpoint.getKey(), "API2 broken authentication",
                        token.getKey(), "401, the same body and WWW-Authenticate as every other invalid token",
                        () -> seen(driver.get(endpoint.getValue(), token.getValue())), s -> {
                            Seen reference = first.computeIfAbsent(endpoint.getKey(), k -> s);
                            return s.status() == 401 && s.problem()
                                    && s.uniform().equals(reference.uniform());
                        }));
            }
        }
        rows.add(new Row("AGENT creating a survey", "API5 function-level authorization", "role AGENT",
                "403 problem+json", () -> seen(driver.post(platform.survey.baseUrl() + "/api/v1/surveys",
                        tokens.bearer("some-agent", "AGENT"), "{\"id\":\"x\",\"metric\":\"NPS\"}")), problem(403)));
        return dynamic("tokens", rows);
    }

    // --- API2/API8: replayed and tampered webhooks ------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> replayedAndTamperedWebhooksAreRefusedAndNothingIsRecorded() throws Exception {
        String url = platform.crmSync.baseUrl() + "/api/v1/crm/webhooks";
        String secret = RunningPlatform.WEBHOOK_SECRET;
        List<String> refusedIds = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        record Attempt(String name, String input, long timestamp, String signedBody, String sentBody, String secret) {
        }
        List<Attempt> attempts = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("tampered body", "wrong secret", "no signature", "replayed 6 min old",
                "from 6 min in the future", "signature of another timestamp")) {
            String contactId = "hook-" + attempts.size() + "-" + run;
            String body = CrmEvents.event("crm.contact.upserted", Map.of("contactId", contactId,
                    "email", address(contactId)));
            refusedIds.add(EventJson.mapper().readTree(body).path("id").asString());
            attempts.add(switch (name) {
                case "tampered body" -> new Attempt(name, "signed body, then `email` changed", now, body,
                        body.replace(address(contactId), "evil@example.com"), secret);
                case "wrong secret" -> new Attempt(name, "HMAC with another secret", now, body, body, "not-the-secret");
                case "no signature" -> new Attempt(name, "no X-Pulseloop-Signature", now, null, body, secret);
                case "replayed 6 min old" -> new Attempt(name, "valid HMAC, timestamp now − 360 s", now - 360, body,
                        body, secret);
                case "from 6 min in the future" -> new Attempt(name, "valid HMAC, timestamp now + 360 s", now + 360,
                        body, body, secret);
                default -> new Attempt(name, "HMAC over timestamp − 1, header timestamp", now, body, body, secret);
            });
        }
        for (Attempt attempt : attempts) {
            rows.add(new Row("webhook: " + attempt.name(), "API2 broken authentication", attempt.input(), "401",
                    () -> {
                        long signedAt = attempt.name().startsWith("signature of another") ? attempt.timestamp() - 1
                                : attempt.timestamp();
                        Map<String, String> headers = new LinkedHashMap<>();
                        headers.put("Content-Type", "application/cloudevents+json");
                        headers.put("X-Pulseloop-Timestamp", Long.toString(attempt.timestamp()));
                        if (attempt.signedBody() != null) {
                            headers.put("X-Pulseloop-Signature",
                                    WebhookSigner.signature(attempt.secret(), signedAt, attempt.signedBody()));
                        }
                        return seen(postWithHeaders(url, headers, attempt.sentBody()));
                    }, status(401)));
        }
        // a valid one afterwards; once it is on the inbound topic, none of the refused ones may be there
        rows.add(new Row("webhook: nothing of the refused ones recorded", "API2 broken authentication",
                "the refused events' ids, then a valid webhook", "valid one 202; no refused id on `crm.inbound.v1`",
                () -> {
                    String contactId = "hook-ok-" + run;
                    String body = CrmEvents.event("crm.contact.upserted", Map.of("contactId", contactId,
                            "email", address(contactId)));
                    long at = Instant.now().getEpochSecond();
                    HttpResponse<String> valid = postWithHeaders(url, Map.of("Content-Type",
                            "application/cloudevents+json", "X-Pulseloop-Timestamp", Long.toString(at),
                            "X-Pulseloop-Signature", WebhookSigner.signature(secret, at, body)), body);
                    String validId = EventJson.mapper().readTree(body).path("id").asString();
                    await("the valid webhook on the inbound topic").atMost(FLOW).until(() -> platform.kafka
                            .readTopic(Topics.CRM_INBOUND).stream().anyMatch(r -> r.value().contains(validId)));
                    long recorded = platform.kafka.readTopic(Topics.CRM_INBOUND).stream()
                            .filter(r -> refusedIds.stream().anyMatch(id -> r.value().contains(id))).count();
                    return new Seen(valid.statusCode(), "", "{\"refusedRecorded\":" + recorded + "}", "");
                }, s -> s.status() == 202 && s.json().path("refusedRecorded").asInt() == 0));
        return dynamic("webhooks", rows);
    }

    // --- API4: floods from one address and from many; X-Forwarded-For not trusted ---------------------------------

    @TestFactory
    Stream<DynamicTest> aFloodIsLimitedPerClientAddressWhateverHeadersOrOtherAddressesSay() {
        int port = platform.response.port();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("flood from one IPv4 address", "API4 resource consumption",
                "400 answers from 127.0.0.3 at once", "429 before 400, at most 300 + refill accepted",
                () -> flood("127.0.0.3", port, 400, Map.of()), s -> s.json().path("limited").asInt() > 0
                        && s.json().path("notLimited").asInt() <= 301 + s.json().path("ms").asInt() / 200));
        rows.add(new Row("client-set X-Forwarded-For", "API4 / API8", "`X-Forwarded-For: 203.0.113.<n>` from the "
                + "flooded 127.0.0.3", "429 but for what the bucket refilled meanwhile (5/s): the header is not trusted",
                () -> flood("127.0.0.3", port, 20, Map.of("X-Forwarded-For", "203.0.113.")),
                s -> s.json().path("notLimited").asInt() <= Math.min(9, 1 + s.json().path("ms").asInt() / 200)));
        rows.add(new Row("spraying other addresses", "API4 resource consumption",
                "10 requests from each of 127.0.0.10–127.0.0.19, then the flooded address again",
                "the others served; 127.0.0.3 not reset: at most what its bucket refilled meanwhile (5/s)", () -> {
                    long started = System.nanoTime();
                    int served = 0;
                    for (int i = 10; i < 20; i++) {
                        served += flood("127.0.0." + i, port, 10, Map.of()).json().path("notLimited").asInt();
                    }
                    Seen again = flood("127.0.0.3", port, 10, Map.of());
                    long refill = 1 + (System.nanoTime() - started) / 200_000_000L;
                    return new Seen(200, "", "{\"sprayServed\":" + served + ",\"floodedServedAfter\":"
                            + again.json().path("notLimited").asInt() + ",\"refilledMeanwhile\":" + refill + "}", "");
                }, s -> s.json().path("sprayServed").asInt() == 100 && s.json().path("floodedServedAfter").asInt()
                        <= Math.min(9, s.json().path("refilledMeanwhile").asInt())));
        rows.add(new Row("flood from IPv6 ::1", "API4 resource consumption", "400 answers from ::1 at once",
                "429 before 400 (every address of a /64 shares one bucket: RateLimitsTests)",
                () -> flood("::1", port, 400, Map.of()), s -> s.json().path("limited").asInt() > 0));
        return dynamic("flood", rows);
    }

    // --- API1: BOLA between agents and managers ------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> anotherAgentsOrManagersTaskIsNotFoundUniformly() throws Exception {
        Fixture f = fixture();
        String base = platform.closedLoop.baseUrl() + "/api/v1/tasks/";
        String other = platform.tokens.bearer(f.otherAgent(), "AGENT");
        String otherManager = platform.tokens.bearer(f.otherManager(), "MANAGER");
        Seen unknown = seen(driver.get(base + "no-such-task-" + f.run(), other));
        Predicate<Seen> likeUnknown = s -> s.status() == 404 && s.problem()
                && s.json().path("title").asString().equals(unknown.json().path("title").asString());
        List<Row> rows = new ArrayList<>();
        String api = "API1 BOLA";
        rows.add(new Row("own task, agent", api, "the assignee's token", "200",
                () -> seen(driver.get(base + f.taskId(), platform.tokens.bearer(f.agent(), "AGENT"))), status(200)));
        rows.add(new Row("the agent's manager", api, "the assignee's manager", "200",
                () -> seen(driver.get(base + f.taskId(), platform.tokens.bearer(f.manager(), "MANAGER"))),
                status(200)));
        rows.add(new Row("another agent reads", api, "another AGENT", "404 like an unknown id",
                () -> seen(driver.get(base + f.taskId(), other)), likeUnknown));
        rows.add(new Row("another agent logs an attempt", api, "another AGENT, POST attempts",
                "404 like an unknown id, no attempt", () -> seen(driver.post(base + f.taskId() + "/attempts", other,
                        "{\"reached\":true,\"note\":\"mine now\"}")), likeUnknown));
        rows.add(new Row("another agent resolves", api, "another AGENT, POST resolve", "404 like an unknown id",
                () -> seen(driver.post(base + f.taskId() + "/resolve", other,
                        "{\"rootCause\":\"OTHER\",\"note\":\"x\",\"recovered\":true}")), likeUnknown));
        rows.add(new Row("another team's manager reads", api, "MANAGER of other owners", "404 like an unknown id",
                () -> seen(driver.get(base + f.taskId(), otherManager)), likeUnknown));
        rows.add(new Row("another agent lists with `assigneeId`", api, "`?assigneeId=<the agent>`",
                "200, none of the agent's tasks", () -> seen(driver.get(platform.closedLoop.baseUrl()
                        + "/api/v1/tasks?assigneeId=" + f.agent(), other)),
                ok(json -> !json.toString().contains(f.taskId()))));
        rows.add(new Row("another agent's inbox page", api, "`GET /inbox/tasks/{id}` as another AGENT", "404",
                () -> seen(driver.get(platform.closedLoop.baseUrl() + "/inbox/tasks/" + encode(f.taskId()), other)),
                status(404)));
        rows.add(new Row("the task unchanged", api, "after the rows above", "no attempt by another agent",
                () -> seen(driver.get(base + f.taskId(), platform.tokens.bearer(f.agent(), "AGENT"))),
                ok(json -> !json.toString().contains(f.otherAgent()) && json.path("resolvedAt").isNull())));
        return dynamic("bola", rows);
    }

    // --- API8 / stored XSS: the comment rendered in every place staff read it ------------------------------------

    @TestFactory
    Stream<DynamicTest> aStoredXssCommentIsInertWhereverItIsRendered() throws Exception {
        Fixture f = fixture();
        List<Row> rows = new ArrayList<>();
        String api = "API8 stored XSS";
        rows.add(new Row("alert email (GreenMail)", api, "the comment " + "`" + XSS.substring(0, 30) + "…`",
                "HTML escaped: `&lt;script&gt;`, no `<script`/`<img` of the comment", () -> {
                    Email alert = driver.awaitEmailsTo(address(f.agent()), 1).stream()
                            .filter(e -> e.html().contains(f.customer()) || e.text().contains(f.customer()))
                            .findFirst().orElseThrow();
                    return new Seen(200, "text/html", alert.html(), "");
                }, s -> s.body().contains("&lt;script&gt;") && !s.body().contains("<script>window")
                        && !s.body().contains("<img src=x")));
        rows.add(new Row("Slack alert (WireMock)", api, "the same comment", "`&lt; &gt; &amp;` in every text, no "
                + "`<!channel>` or `<http…|…>` link", () -> {
                    await("the Slack alert").atMost(FLOW).until(() -> !slackAlerts(f.taskId()).isEmpty());
                    return new Seen(200, "application/json", slackAlerts(f.taskId()).get(0), "");
                }, s -> s.body().contains("&lt;script&gt;") && !s.body().contains("<script")
                        && !s.body().contains("<!channel>") && !s.body().contains("<http://evil")));
        boolean browser = StaffBrowser.available();
        rows.add(new Row("inbox task page (Chromium)", api, "the same comment", "no script ran, no injected "
                + "element, the comment shown as text", () -> rendered(platform.closedLoop.baseUrl() + "/inbox/tasks/"
                        + encode(f.taskId()), f.agent(), "AGENT", browser, "<script>"), inertAndShown()));
        rows.add(new Row("inbox list (Chromium)", api, "the same comment", "no script ran, the comment as text",
                () -> rendered(platform.closedLoop.baseUrl() + "/inbox", f.agent(), "AGENT", browser, "<script>"),
                inertAndShown()));
        rows.add(new Row("dashboard segment table (Chromium)", api, "CRM region `" + f.xssRegion() + "`",
                "no script ran, the region as text", () -> rendered(platform.analytics.baseUrl()
                        + "/dashboard?surveyId=" + WholeFlowProofSystemTests.NPS + "&dimension=region", "hadmin",
                        "ADMIN", browser, "<img src=x onerror="), inertAndShown()));
        return dynamic("xss", rows);
    }

    // --- API8 / CSV formula injection -----------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> spreadsheetFormulasInExportsAreNeutralised() throws Exception {
        Fixture f = fixture();
        List<Row> rows = new ArrayList<>();
        for (String region : f.formulaRegions()) {
            rows.add(new Row("CSV export cell " + region.substring(0, 1).replace("\t", "TAB"),
                    "API8 CSV injection", "CRM region `" + region.replace("\t", "\\t") + "`",
                    "the cell starts with `'`, never with the formula character", () -> {
                        String csv = await("the region in the export").atMost(FLOW).until(() -> driver.send(
                                HttpRequest.newBuilder(platform.analytics.uri(
                                        "/api/v1/analytics/scores?metric=NPS&groupBy=region"))
                                        .header("Authorization", driver.admin()).header("Accept", "text/csv")
                                        .build()).body(), body -> body.lines().anyMatch(l -> cells(l).stream()
                                                .anyMatch(c -> c.endsWith(region.substring(1)))));
                        String line = csv.lines().filter(l -> cells(l).stream()
                                .anyMatch(c -> c.endsWith(region.substring(1)))).findFirst().orElseThrow();
                        return new Seen(200, "text/csv", line, "");
                    }, s -> cells(s.body()).contains("'" + region)));
        }
        return dynamic("csv", rows);
    }

    @Test
    void theSweepCoversEveryServiceWithABody() throws Exception {
        // a guard against a silently shrinking table: every JSON-taking endpoint of the contract is in it
        assertThat(jsonEndpoints(fixture()).stream().map(e -> e.name.substring(0, e.name.indexOf(' ', 5))))
                .contains("POST /api/v1/responses", "POST /api/v1/surveys", "PUT /api/v1/surveys/{id}",
                        "POST /api/v1/tasks/{id}/attempts", "POST /api/v1/tasks/{id}/resolve",
                        "POST /api/v1/crm/webhooks");
    }

    // --- the endpoints and their bodies -----------------------------------------------------------------------------

    /** A JSON endpoint with a valid body template whose fields are placeholders {@code "@field"}. */
    private final class Endpoint {
        final String name;
        final String template;
        final List<String> fields;
        private final BodyCall call;

        Endpoint(String name, String template, List<String> fields, BodyCall call) {
            this.name = name;
            this.template = template;
            this.fields = fields;
            this.call = call;
        }

        /** Every field valid, {@code "PAYLOAD"} in place for an oversized value. */
        String validBody() {
            return fill(template, null);
        }

        /** Every field valid but {@code field}, which is {@code json}. */
        String attacking(String field, String json) {
            return fill(template, field).replace("\"" + placeholder(field) + "\"", json);
        }

        Answer call(String body) {
            return () -> seen(call.send(body));
        }
    }

    @FunctionalInterface
    interface BodyCall {
        HttpResponse<String> send(String body) throws Exception;
    }

    @FunctionalInterface
    interface Answer {
        Seen get() throws Exception;
    }

    private List<Endpoint> jsonEndpoints(Fixture f) {
        String admin = driver.admin();
        String agent = platform.tokens.bearer(f.agent(), "AGENT");
        String tasks = platform.closedLoop.baseUrl() + "/api/v1/tasks/" + encode(f.taskId());
        String survey = "{\"id\":\"@id\",\"metric\":\"@metric\",\"enabled\":false,\"trigger\":{\"eventType\":"
                + "\"@trigger.eventType\",\"delay\":\"@trigger.delay\",\"filters\":{}},\"fatigueWindow\":"
                + "\"@fatigueWindow\",\"texts\":{\"title\":{\"en\":\"t\"},\"question\":{\"en\":\"PAYLOAD\"}}}";
        String webhook = platform.crmSync.baseUrl() + "/api/v1/crm/webhooks";
        return List.of(
                new Endpoint("POST /api/v1/responses (public)",
                        "{\"token\":\"@token\",\"score\":\"@score\",\"comment\":\"@comment\"}",
                        List.of("token", "score", "comment"),
                        body -> driver.post(platform.response.baseUrl() + "/api/v1/responses", null,
                                body.replace("\"@token@\"", "\"" + f.freshToken() + "\""))),
                new Endpoint("POST /api/v1/surveys (staff)", survey,
                        List.of("id", "metric", "trigger.eventType", "trigger.delay", "fatigueWindow"),
                        body -> driver.post(platform.survey.baseUrl() + "/api/v1/surveys", admin,
                                body.replace("\"@id@\"", "\"hostile-" + UUID.randomUUID() + "\""))),
                new Endpoint("PUT /api/v1/surveys/{id} (staff)", survey.replace("\"@id\"", "\"" + f.surveyId()
                        + "\""), List.of("metric", "trigger.eventType", "trigger.delay", "fatigueWindow"),
                        body -> driver.send(platform.survey.baseUrl() + "/api/v1/surveys/" + f.surveyId(), "PUT",
                                admin, "application/json", body)),
                new Endpoint("POST /api/v1/tasks/{id}/attempts (staff)",
                        "{\"reached\":\"@reached\",\"note\":\"@note\"}", List.of("reached", "note"),
                        body -> driver.post(tasks + "/attempts", agent, body)),
                new Endpoint("POST /api/v1/tasks/{id}/resolve (staff)",
                        "{\"rootCause\":\"@rootCause\",\"note\":\"@note\",\"recovered\":\"@recovered\"}",
                        List.of("rootCause", "note", "recovered"),
                        body -> driver.post(tasks + "/resolve", agent, body)),
                new Endpoint("POST /api/v1/crm/webhooks (signed)", "{\"specversion\":\"1.0\",\"id\":\"@id\","
                        + "\"source\":\"crm://hostile\",\"type\":\"crm.contact.upserted\",\"time\":\"@time\","
                        + "\"data\":{\"contactId\":\"@data.contactId\",\"email\":\"@data.email\","
                        + "\"firstName\":\"PAYLOAD\"}}",
                        List.of("id", "time", "data.contactId", "data.email"), body -> {
                            long at = Instant.now().getEpochSecond();
                            String signed = body.replace("\"@id@\"", "\"" + UUID.randomUUID() + "\"");
                            return postWithHeaders(webhook, Map.of("Content-Type", "application/cloudevents+json",
                                    "X-Pulseloop-Timestamp", Long.toString(at), "X-Pulseloop-Signature",
                                    WebhookSigner.signature(RunningPlatform.WEBHOOK_SECRET, at, signed)), signed);
                        }));
    }

    /** Valid values for every placeholder but the one under attack; {@code "@x@"} marks values filled at send time. */
    private static String fill(String body, String attacked) {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("token", "\"@token@\"");
        valid.put("score", "9");
        valid.put("comment", "\"PAYLOAD\"");
        valid.put("id", "\"@id@\"");
        valid.put("metric", "\"NPS\"");
        valid.put("trigger.eventType", "\"crm.deal.lost\"");
        valid.put("trigger.delay", "\"PT1H\"");
        valid.put("fatigueWindow", "\"P30D\"");
        valid.put("reached", "true");
        valid.put("note", "\"PAYLOAD\"");
        valid.put("rootCause", "\"NO-SUCH-CAUSE\"");
        valid.put("recovered", "true");
        valid.put("time", "\"" + Instant.now() + "\"");
        valid.put("data.contactId", "\"hostile-webhook-contact\"");
        valid.put("data.email", "\"hostile@example.com\"");
        String filled = body;
        for (Map.Entry<String, String> entry : valid.entrySet()) {
            if (!entry.getKey().equals(attacked)) {
                filled = filled.replace("\"" + placeholder(entry.getKey()) + "\"", entry.getValue());
            }
        }
        return filled;
    }

    private static String placeholder(String field) {
        return "@" + field;
    }

    // --- rows, answers, reporting ----------------------------------------------------------------------------------

    /** One check: what it is, its OWASP category, the input, the answer expected, how to get the answer, the rule. */
    record Row(String check, String owasp, String input, String expected, Answer answer, Predicate<Seen> passes) {
    }

    /** An answer as seen: status, content type, body, and the headers that matter ({@code WWW-Authenticate}). */
    record Seen(int status, String contentType, String body, String authenticate) {

        boolean problem() {
            return contentType.startsWith("application/problem+json");
        }

        JsonNode json() {
            try {
                return EventJson.mapper().readTree(body);
            } catch (RuntimeException notJson) {
                return EventJson.mapper().createObjectNode();
            }
        }

        String field() {
            JsonNode field = json().path("field");
            return field.isMissingNode() || field.isNull() ? null : field.asString();
        }

        /** What must not differ between two refused tokens: status, header and body but for the request path. */
        String uniform() {
            return status + "|" + authenticate + "|" + json().path("title").asString() + "|"
                    + json().path("detail").asString();
        }

        String summary() {
            String what = status + (problem() ? " problem+json" : "") + (field() != null ? " field `" + field() + "`"
                    : "");
            if (!problem() && !contentType.isEmpty() && !contentType.startsWith("application/json")) {
                what += " " + contentType.split(";")[0];
            }
            if (contentType.isEmpty() && body.startsWith("{")) {
                what = body;
            }
            int escaped = body.indexOf("&lt;script");
            if (escaped >= 0 && !problem()) {
                what += ": `" + body.substring(escaped, Math.min(body.length(), escaped + 48)).replace("\n", " ")
                        .replace("`", "'") + "…`";
            }
            if (contentType.startsWith("text/csv")) {
                what += ": cell `" + cells(body).get(0).replace("\t", "\\t") + "`";
            }
            return what;
        }
    }

    private static Stream<DynamicTest> dynamic(String group, List<Row> rows) {
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.check(), () -> {
            Seen seen = row.answer().get();
            boolean passed = row.passes().test(seen);
            record(group, row, seen, passed);
            assertThat(passed).as("%s — input %s — expected %s — seen %s: %s", row.check(), row.input(),
                    row.expected(), seen.summary(), abbreviate(seen.body())).isTrue();
        }));
    }

    private static synchronized void record(String group, Row row, Seen seen, boolean passed) throws IOException {
        Files.createDirectories(SEEN.getParent());
        String line = "| " + group + " | " + row.check() + " | " + row.owasp() + " | " + row.input().replace("|", "\\|")
                + " | " + row.expected().replace("|", "\\|") + " | " + seen.summary().replace("|", "\\|")
                + (passed ? "" : " **FAILED**") + " |\n";
        Files.writeString(SEEN, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }

    private static Seen seen(HttpResponse<String> response) {
        return new Seen(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    private static Predicate<Seen> status(int status) {
        return s -> s.status() == status;
    }

    private static Predicate<Seen> problem(int status) {
        return s -> s.status() == status && s.problem();
    }

    private static Predicate<Seen> problemIn(int... statuses) {
        return s -> s.problem() && Arrays.stream(statuses).anyMatch(st -> st == s.status());
    }

    private static Predicate<Seen> problemNaming(int status, String field) {
        return s -> s.status() == status && s.problem() && s.field() != null && s.field().startsWith(field);
    }

    private static Predicate<Seen> ok(Predicate<JsonNode> json) {
        return s -> s.status() == 200 && json.test(s.json());
    }

    private HttpResponse<String> postWithHeaders(String url, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return driver.send(request.build());
    }

    private List<String> slackAlerts(String taskId) {
        return platform.alerts.server().findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
                .map(r -> r.getBodyAsString()).filter(b -> b.contains(taskId) || b.contains(encode(taskId)))
                .toList();
    }

    /**
     * The page in Chromium as the staff member: the status of the same request, and in the body what rendering did
     * ({@code shown}: the payload's text is visible; {@code scriptRan}; {@code injected} elements).
     */
    private Seen rendered(String url, String ownerId, String role, boolean browser, String payloadText)
            throws Exception {
        Assumptions.assumeTrue(browser, "Chromium and chromedriver are needed; skipped");
        String bearer = platform.tokens.bearer(ownerId, role);
        int status = driver.get(url, bearer).statusCode();
        try (StaffBrowser staff = StaffBrowser.open(bearer)) {
            StaffBrowser.Rendered page = staff.visit(url, payloadText);
            return new Seen(status, "", "{\"shown\":" + page.text().contains(payloadText) + ",\"scriptRan\":"
                    + (page.scriptRan() == null ? "null" : "\"" + page.scriptRan() + "\"") + ",\"injected\":"
                    + page.injectedElements() + "}", "");
        }
    }

    /** No script of the payload ran, no element of it exists, and the payload is on the page as text. */
    private static Predicate<Seen> inertAndShown() {
        return s -> s.status() == 200 && s.json().path("shown").asBoolean() && s.json().path("scriptRan").isNull()
                && s.json().path("injected").asInt() == 0;
    }

    /** {@code count} answers with unknown tokens from {@code from}, each its own connection; counts the 429s. */
    private static Seen flood(String from, int port, int count, Map<String, String> headers) throws IOException {
        long started = System.nanoTime();
        int limited = 0;
        int notLimited = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder extra = new StringBuilder();
            int n = i;
            headers.forEach((name, value) -> extra.append(name).append(": ").append(value)
                    .append(value.endsWith(".") ? Integer.toString(n % 250) : "").append("\r\n"));
            int status = rawPost(from, port, "/api/v1/responses", "{\"token\":\"flood-" + i + "\",\"score\":9}",
                    extra.toString());
            if (status == 429) {
                limited++;
            } else {
                notLimited++;
            }
        }
        return new Seen(200, "", "{\"limited\":" + limited + ",\"notLimited\":" + notLimited + ",\"ms\":"
                + (System.nanoTime() - started) / 1_000_000 + "}", "");
    }

    private static int rawPost(String from, int port, String path, String body, String extraHeaders)
            throws IOException {
        InetAddress local = InetAddress.getByName(from);
        InetAddress target = local.getAddress().length == 16 ? InetAddress.getByName("::1")
                : InetAddress.getByName("127.0.0.1");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(target, port), 5000);
            socket.setSoTimeout(15000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n"
                    + extraHeaders + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                statusLine.append((char) c);
            }
            return Integer.parseInt(statusLine.toString().split(" ")[1]);
        }
    }

    /** The payload of a token with {@code alg: none} and no signature. */
    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    /** The cells of one CSV line (RFC 4180 quoting). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
