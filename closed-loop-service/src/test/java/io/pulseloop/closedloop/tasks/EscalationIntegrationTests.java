package io.pulseloop.closedloop.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Mails;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.closedloop.owners.OwnerDirectory;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;
import io.pulseloop.testsupport.time.MutableClock;

/** Escalation past due and next-attempt reminders, driven by the injected clock. */
@ClosedLoopIntegrationTest
class EscalationIntegrationTests {

    private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TaskService tasks;

    @Autowired
    OwnerDirectory owners;

    @Autowired
    ManagerDigest digest;

    @Autowired
    FollowUpProperties properties;

    Scenario api;

    @BeforeEach
    void api() {
        api = new Scenario(port);
    }

    @Test
    void escalatesAnOverdueTaskOnceToTheManagerEvenWithTwoReplicas() throws Exception {
        String manager = Scenario.unique("m");
        String agent = Scenario.unique("a");
        Scenario.owner(agent, manager);
        Scenario.owner(manager, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> owners.managerOf(agent).isPresent()
                && owners.emailOf(manager).isPresent());
        String contactId = Scenario.unique("c");
        String task = openTask(contactId, agent);
        Instant due = Instant.parse(api.getJson("/api/v1/tasks/" + task, ADMIN).get("dueAt").asString());

        try (TopicProbe events = Scenario.KAFKA.openProbe(Topics.FOLLOWUP_TASKS)) {
            clock.setInstant(due.plusSeconds(1));
            // two replicas' schedulers at the same moment, besides the one the context runs itself
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture.allOf(CompletableFuture.runAsync(tasks::processDue, replicas),
                        CompletableFuture.runAsync(tasks::processDue, replicas)).get();
            } finally {
                replicas.shutdown();
            }

            ConsumerRecord<String, String> escalated = events.awaitRecord(KafkaRecords.withKey(contactId)
                    .and(KafkaRecords.valueContaining("FollowUpTaskEscalated")), Duration.ofSeconds(30));
            String eventId = Scenario.parse(escalated.value()).get("eventId").asString();
            events.assertNoRecord(KafkaRecords.withKey(contactId).and(KafkaRecords.valueContaining("Escalated"))
                    .and(r -> !r.value().contains(eventId)), Duration.ofSeconds(2));
        }
        JsonNode escalatedTask = api.getJson("/api/v1/tasks/" + task, ADMIN);
        assertThat(escalatedTask.get("escalated").asBoolean()).isTrue();
        assertThat(escalatedTask.get("escalatedToId").asString()).isEqualTo(manager);
        assertThat(api.get("/api/v1/tasks/" + task, TestTokens.bearer(manager, "MANAGER")).statusCode())
                .isEqualTo(200);
        List<MimeMessage> toManager = await().atMost(Duration.ofSeconds(30)).until(
                () -> Mails.to(manager + "@acme.example", "scalat"), mails -> !mails.isEmpty());
        assertThat(toManager).hasSize(1);
    }

    @Test
    void anEscalationWaitsForTheAssigneesOwnerRecordSoTheManagerIsNotified() {
        String manager = Scenario.unique("m");
        String agent = Scenario.unique("a");
        String task = openTask(Scenario.unique("c"), agent);
        Instant due = Instant.parse(api.getJson("/api/v1/tasks/" + task, ADMIN).get("dueAt").asString());

        clock.setInstant(due.plusSeconds(1));
        tasks.processDue();
        assertThat(api.getJson("/api/v1/tasks/" + task, ADMIN).get("escalated").asBoolean())
                .as("escalated before anyone knows the assignee's manager").isFalse();

        Scenario.owner(manager, null);
        Scenario.owner(agent, manager);
        await().atMost(Duration.ofSeconds(30)).until(() -> owners.managerOf(agent).isPresent()
                && owners.emailOf(manager).isPresent());
        tasks.processDue();

        JsonNode escalated = api.getJson("/api/v1/tasks/" + task, ADMIN);
        assertThat(escalated.get("escalated").asBoolean()).isTrue();
        assertThat(escalated.get("escalatedToId").asString()).isEqualTo(manager);
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> Mails.to(manager + "@acme.example", "scalat"),
                mails -> !mails.isEmpty())).hasSize(1);
    }

    @Test
    void anEscalationWhoseAssigneeStaysUnknownPastTheOwnerWaitGoesAheadWithNoManager() {
        String task = openTask(Scenario.unique("c"), Scenario.unique("never-described"));
        Instant due = Instant.parse(api.getJson("/api/v1/tasks/" + task, ADMIN).get("dueAt").asString());

        clock.setInstant(due.plus(properties.ownerWait()).plusSeconds(1));
        tasks.processDue();

        JsonNode escalated = api.getJson("/api/v1/tasks/" + task, ADMIN);
        assertThat(escalated.get("escalated").asBoolean()).isTrue();
        assertThat(escalated.get("escalatedToId").isNull()).as("escalatedToId").isTrue();
    }

    @Test
    void neverEscalatesAResolvedTask() {
        String agent = Scenario.unique("a");
        Scenario.owner(agent, "some-manager");
        String task = openTask(Scenario.unique("c"), agent);
        api.post("/api/v1/tasks/" + task + "/resolve", ADMIN, "{\"rootCause\":\"OTHER\"}");
        Instant due = Instant.parse(api.getJson("/api/v1/tasks/" + task, ADMIN).get("dueAt").asString());

        clock.setInstant(due.plus(Duration.ofDays(3)));
        tasks.processDue();

        assertThat(api.getJson("/api/v1/tasks/" + task, ADMIN).get("escalated").asBoolean()).isFalse();
    }

    @Test
    void remindsTheAssigneeWhenTheNextAttemptComes() {
        String agent = Scenario.unique("a");
        Scenario.owner(agent, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> owners.emailOf(agent).isPresent());
        String task = openTask(Scenario.unique("c"), agent);
        JsonNode attempted = Scenario.parse(api.post("/api/v1/tasks/" + task + "/attempts", ADMIN,
                "{\"reached\":false,\"note\":\"no answer\"}").body());
        Instant next = Instant.parse(attempted.get("nextAttemptAt").asString());

        clock.setInstant(next.plusSeconds(1));
        tasks.processDue();
        tasks.processDue();

        List<MimeMessage> reminders = await().atMost(Duration.ofSeconds(30)).until(
                () -> Mails.to(agent + "@acme.example", "attempt"), mails -> !mails.isEmpty());
        assertThat(reminders).hasSize(1);
    }

    @Test
    void sendsEachManagerOneDailyDigestOfTheTeamsOpenTasks() {
        String manager = Scenario.unique("m");
        String agent = Scenario.unique("a");
        Scenario.owner(agent, manager);
        Scenario.owner(manager, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> owners.teamOf(manager).contains(agent)
                && owners.emailOf(manager).isPresent());
        String contactId = Scenario.unique("c");
        openTask(contactId, agent);

        clock.setInstant(java.time.LocalDateTime.of(2026, 12, 1, 8, 0).atZone(java.time.ZoneId.of("Europe/Prague"))
                .toInstant());
        digest.sendDueDigests();
        digest.sendDueDigests();

        List<MimeMessage> digests = await().atMost(Duration.ofSeconds(30)).until(
                () -> Mails.to(manager + "@acme.example", "Daily digest"), mails -> !mails.isEmpty());
        assertThat(digests).hasSize(1);
        assertThat(Mails.body(digests.get(0))).contains("Acme &amp; Sons &lt;Ltd&gt;").contains(agent)
                .contains("Detractor");
    }

    private String openTask(String contactId, String ownerId) {
        Scenario.publish(Scenario.score(contactId, ownerId, Scenario.unique("r"), 1, Metric.NPS, 2, "awful",
                AccountTier.STANDARD));
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode content = api.getJson("/api/v1/tasks?contactId=" + contactId, ADMIN).get("content");
            return content.isEmpty() ? null : content.get(0).get("id").asString();
        }, id -> id != null);
    }
}
