package io.pulseloop.closedloop.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.closedloop.owners.OwnerDirectory;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.time.MutableClock;

/** Contract §6.1 and §7 through HTTP with real signed JWTs: two agents and their manager. */
@ClosedLoopIntegrationTest
class TaskApiIntegrationTests {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    OwnerDirectory owners;

    Scenario api;
    String manager;
    String agentA;
    String agentB;
    String tokenA;
    String tokenB;
    String tokenManager;

    @BeforeEach
    void team() {
        api = new Scenario(port);
        manager = Scenario.unique("m");
        agentA = Scenario.unique("a");
        agentB = Scenario.unique("b");
        Scenario.owner(agentA, manager);
        Scenario.owner(agentB, manager);
        Scenario.owner(manager, null);
        tokenA = TestTokens.bearer(agentA, "AGENT");
        tokenB = TestTokens.bearer(agentB, "AGENT");
        tokenManager = TestTokens.bearer(manager, "MANAGER");
        await().atMost(Duration.ofSeconds(30)).until(() -> owners.teamOf(manager).size() == 2);
    }

    @Test
    void showsAgentsOnlyTheirOwnTasksAndManagersTheirTeams() {
        String taskA = openTask(agentA, 3);
        String taskB = openTask(agentB, 2);

        assertThat(api.get("/api/v1/tasks/" + taskA, tokenA).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/tasks/" + taskB, tokenA).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/tasks/" + taskB + "/attempts", tokenA, "{\"reached\":false}").statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/tasks/" + taskB + "/resolve", tokenA, "{\"rootCause\":\"BILLING\"}")
                .statusCode()).isEqualTo(404);
        assertThat(assignees(api.getJson("/api/v1/tasks?assigneeId=" + agentB, tokenA))).containsOnly(agentA)
                .isNotEmpty();
        assertThat(assignees(api.getJson("/api/v1/tasks?size=500", tokenManager))).contains(agentA, agentB)
                .allMatch(id -> id.equals(agentA) || id.equals(agentB) || id.equals(manager));
        assertThat(api.get("/api/v1/tasks/" + taskB, tokenManager).statusCode()).isEqualTo(200);
        String otherManager = TestTokens.bearer(Scenario.unique("m"), "MANAGER");
        assertThat(api.get("/api/v1/tasks/" + taskB, otherManager).statusCode()).isEqualTo(404);
    }

    @Test
    void answersThePagedShapeDueFirstWithFilters() {
        openTask(agentA, 3);
        openTask(agentA, 1);

        JsonNode page = api.getJson("/api/v1/tasks?assigneeId=" + agentA + "&status=OPEN&reason=DETRACTOR&size=1",
                ADMIN);

        assertThat(page.get("content")).hasSize(1);
        assertThat(page.get("page").get("size").asInt()).isEqualTo(1);
        assertThat(page.get("page").get("number").asInt()).isZero();
        assertThat(page.get("page").get("totalElements").asInt()).isEqualTo(2);
        assertThat(page.get("page").get("totalPages").asInt()).isEqualTo(2);
        JsonNode task = page.get("content").get(0);
        for (String field : List.of("id", "contactId", "accountId", "reason", "status", "priority", "assigneeId",
                "dueAt", "score", "comment", "surveyId", "metric", "createdAt", "attempts", "nextAttemptAt",
                "escalated", "escalatedToId", "rootCause", "resolvedAt")) {
            assertThat(task.has(field)).as(field).isTrue();
        }
        JsonNode all = api.getJson("/api/v1/tasks?assigneeId=" + agentA, ADMIN);
        assertThat(Instant.parse(all.get("content").get(0).get("dueAt").asString()))
                .isBeforeOrEqualTo(Instant.parse(all.get("content").get(1).get("dueAt").asString()));
        assertThat(api.getJson("/api/v1/tasks?size=100000", ADMIN).get("page").get("size").asInt()).isEqualTo(500);
        assertThat(api.getJson("/api/v1/tasks", ADMIN).get("page").get("size").asInt()).isEqualTo(50);
    }

    @Test
    void listsTheUnassignedQueue() {
        String contactId = Scenario.unique("c");
        Scenario.publish(Scenario.score(contactId, null, Scenario.unique("r"), 1, Metric.CSAT, 1, "no",
                AccountTier.STANDARD));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.getJson("/api/v1/tasks?contactId=" + contactId, ADMIN).get("content").size() == 1);

        JsonNode unassigned = api.getJson("/api/v1/tasks?assigneeId=unassigned&contactId=" + contactId, ADMIN);

        assertThat(unassigned.get("content")).hasSize(1);
        assertThat(unassigned.get("content").get(0).get("assigneeId").isNull()).isTrue();
        assertThat(unassigned.get("content").get(0).get("reason").asString()).isEqualTo("LOW_CSAT");
    }

    @Test
    void logsAttemptsByTheCallerAndEndsUnreachableAfterThree() {
        String task = openTask(agentA, 3);
        clock.setInstant(LocalDateTime.of(2026, 12, 2, 9, 15).atZone(PRAGUE).toInstant());

        JsonNode first = Scenario.parse(api.post("/api/v1/tasks/" + task + "/attempts", tokenA,
                "{\"reached\":false,\"note\":\"voicemail\"}").body());

        assertThat(first.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(first.get("attempts").get(0).get("by").asString()).isEqualTo(agentA);
        assertThat(first.get("attempts").get(0).get("reached").asBoolean()).isFalse();
        assertThat(first.get("attempts").get(0).get("note").asString()).isEqualTo("voicemail");
        assertThat(Instant.parse(first.get("nextAttemptAt").asString()))
                .isEqualTo(LocalDateTime.of(2026, 12, 3, 8, 0).atZone(PRAGUE).toInstant());
        api.post("/api/v1/tasks/" + task + "/attempts", tokenA, "{\"reached\":false}");
        JsonNode third = Scenario.parse(api.post("/api/v1/tasks/" + task + "/attempts", tokenA,
                "{\"reached\":false}").body());
        assertThat(third.get("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(api.post("/api/v1/tasks/" + task + "/attempts", tokenA, "{\"reached\":false}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void resolvesOnceWithARootCauseFromTheList() {
        String task = openTask(agentA, 3);
        List<String> causes = new ArrayList<>();
        api.getJson("/api/v1/tasks/root-causes", tokenA).forEach(c -> causes.add(c.asString()));
        assertThat(causes).contains("BILLING", "OTHER");

        var invalid = api.post("/api/v1/tasks/" + task + "/resolve", tokenA, "{\"rootCause\":\"WEATHER\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Scenario.parse(invalid.body()).get("field").asString()).isEqualTo("rootCause");
        assertThat(Scenario.parse(api.post("/api/v1/tasks/" + task + "/resolve", tokenA, "{}").body())
                .get("field").asString()).isEqualTo("rootCause");

        var resolved = api.post("/api/v1/tasks/" + task + "/resolve", tokenA,
                "{\"rootCause\":\"BILLING\",\"note\":\"refunded\",\"recovered\":true}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        JsonNode body = Scenario.parse(resolved.body());
        assertThat(body.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(body.get("rootCause").asString()).isEqualTo("BILLING");
        assertThat(body.get("resolvedAt").isNull()).isFalse();
        assertThat(api.post("/api/v1/tasks/" + task + "/resolve", tokenA, "{\"rootCause\":\"BILLING\"}")
                .statusCode()).isEqualTo(409);
    }

    @Test
    void answersProblemsForBadInputUnknownTasksAndMissingRights() {
        assertThat(api.get("/api/v1/tasks/nope:DETRACTOR:1", ADMIN).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/tasks/nonsense", ADMIN).statusCode()).isEqualTo(404);
        var badStatus = api.get("/api/v1/tasks?status=DONE", ADMIN);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(Scenario.parse(badStatus.body()).get("field").asString()).isEqualTo("status");
        assertThat(Scenario.parse(api.get("/api/v1/tasks?page=-1", ADMIN).body()).get("field").asString())
                .isEqualTo("page");
        String task = openTask(agentA, 3);
        var noReached = api.post("/api/v1/tasks/" + task + "/attempts", tokenA, "{\"note\":\"x\"}");
        assertThat(noReached.statusCode()).isEqualTo(400);
        assertThat(Scenario.parse(noReached.body()).get("field").asString()).isEqualTo("reached");
        assertThat(api.get("/api/v1/tasks", TestTokens.bearer("nobody")).statusCode()).isEqualTo(403);
        assertThat(api.get("/v3/api-docs", "").statusCode()).isEqualTo(200);
    }

    @Test
    void countsUrgentDueTimesInCzechWorkingHours() {
        clock.setInstant(LocalDateTime.of(2026, 11, 27, 15, 30).atZone(PRAGUE).toInstant());
        String friday = openTask(agentA, 3, AccountTier.KEY);
        clock.setInstant(LocalDateTime.of(2026, 12, 24, 10, 0).atZone(PRAGUE).toInstant());
        String christmas = openTask(agentB, 3, AccountTier.KEY);

        assertThat(api.getJson("/api/v1/tasks/" + friday, ADMIN).get("dueAt").asString())
                .isEqualTo(LocalDateTime.of(2026, 11, 30, 10, 30).atZone(PRAGUE).toInstant().toString());
        assertThat(api.getJson("/api/v1/tasks/" + christmas, ADMIN).get("dueAt").asString())
                .isEqualTo(LocalDateTime.of(2026, 12, 28, 12, 0).atZone(PRAGUE).toInstant().toString());
    }

    private String openTask(String ownerId, int score) {
        return openTask(ownerId, score, AccountTier.STANDARD);
    }

    private String openTask(String ownerId, int score, AccountTier tier) {
        String contactId = Scenario.unique("c");
        Scenario.publish(Scenario.score(contactId, ownerId, Scenario.unique("r"), 1, Metric.NPS, score, "why",
                tier));
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode content = api.getJson("/api/v1/tasks?contactId=" + contactId, ADMIN).get("content");
            return content.isEmpty() ? null : content.get(0).get("id").asString();
        }, id -> id != null);
    }

    private static List<String> assignees(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("content").forEach(task -> ids.add(task.get("assigneeId").asString()));
        return ids;
    }
}
