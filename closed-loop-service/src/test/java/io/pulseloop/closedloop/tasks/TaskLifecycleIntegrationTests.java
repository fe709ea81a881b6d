package io.pulseloop.closedloop.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

@ClosedLoopIntegrationTest
class TaskLifecycleIntegrationTests {

    private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");

    @LocalServerPort
    int port;

    Scenario api;

    @BeforeEach
    void api() {
        api = new Scenario(port);
    }

    @Test
    void opensOneTaskAndPublishesOneEventForTenRedeliveries() {
        String contactId = Scenario.unique("c");
        String ownerId = Scenario.unique("o");
        try (TopicProbe tasks = Scenario.KAFKA.openProbe(Topics.FOLLOWUP_TASKS)) {
            ScoreRecorded score = Scenario.score(contactId, ownerId, Scenario.unique("r"), 1, Metric.NPS, 3,
                    "slow", AccountTier.KEY);
            for (int i = 0; i < 10; i++) {
                Scenario.publish(score);
            }

            JsonNode task = awaitTasks(contactId, 1).get(0);
            assertThat(task.get("reason").asString()).isEqualTo("DETRACTOR");
            assertThat(task.get("priority").asString()).isEqualTo("URGENT");
            assertThat(task.get("status").asString()).isEqualTo("OPEN");
            assertThat(task.get("assigneeId").asString()).isEqualTo(ownerId);
            assertThat(task.get("score").asInt()).isEqualTo(3);
            ConsumerRecord<String, String> opened = tasks.awaitRecord(KafkaRecords.withKey(contactId)
                    .and(KafkaRecords.valueContaining("FollowUpTaskOpened")), Duration.ofSeconds(30));
            assertThat(opened.value()).contains("\"openTasks\":1").contains("\"marketingPaused\":true");
            String eventId = Scenario.parse(opened.value()).get("eventId").asString();
            tasks.assertNoRecord(KafkaRecords.withKey(contactId).and(r -> !r.value().contains(eventId)),
                    Duration.ofSeconds(2));
        }
        assertThat(awaitTasks(contactId, 1)).hasSize(1);
    }

    @Test
    void updatesTheOpenTaskAndCancelsItWhenTheRevisionLeavesTheBand() {
        String contactId = Scenario.unique("c");
        String responseId = Scenario.unique("r");
        Scenario.publish(Scenario.score(contactId, "o-1", responseId, 1, Metric.NPS, 3, "bad", AccountTier.STANDARD));
        awaitTasks(contactId, 1);

        Scenario.publish(Scenario.score(contactId, "o-1", Scenario.unique("r"), 1, Metric.NPS, 5, "meh",
                AccountTier.STANDARD));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(awaitTasks(contactId, 1).get(0).get("score").asInt()).isEqualTo(5));

        Scenario.publish(Scenario.score(contactId, "o-1", responseId, 2, Metric.NPS, 9, "fine", AccountTier.STANDARD));
        Scenario.publish(Scenario.score(contactId, "o-1", Scenario.unique("r"), 1, Metric.NPS, 4, "again",
                AccountTier.STANDARD));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(awaitTasks(contactId, 1).get(0).get("comment").asString()).isEqualTo("again"));
    }

    @Test
    void deadLettersAnUnreadableScoreAndGoesOn() {
        String contactId = Scenario.unique("c");
        try (TopicProbe dlq = Scenario.KAFKA.openProbe(Topics.RESPONSE_SCORES + ".closed-loop-service.dlq")) {
            Scenario.KAFKA.publish(Topics.RESPONSE_SCORES, contactId, "{ not a score");
            Scenario.publish(Scenario.score(contactId, "o-1", Scenario.unique("r"), 1, Metric.NPS, 0, "after",
                    AccountTier.STANDARD));

            ConsumerRecord<String, String> dead = dlq.awaitRecord(KafkaRecords.withKey(contactId),
                    Duration.ofSeconds(60));
            assertThat(dead.value()).isEqualTo("{ not a score");
            assertThat(KafkaRecords.headers(dead)).containsKey("x-exception-message");
            assertThat(awaitTasks(contactId, 1).get(0).get("comment").asString()).isEqualTo("after");
        }
    }

    private List<JsonNode> awaitTasks(String contactId, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode page = api.getJson("/api/v1/tasks?contactId=" + contactId, ADMIN);
            List<JsonNode> content = new java.util.ArrayList<>();
            page.get("content").forEach(content::add);
            return content;
        }, content -> content.size() >= count);
    }
}
