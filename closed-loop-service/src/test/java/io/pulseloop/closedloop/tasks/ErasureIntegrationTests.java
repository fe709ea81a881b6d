package io.pulseloop.closedloop.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** Contract §8.2: the contact's names and comments leave every task, open tasks end CANCELLED, counts stay. */
@ClosedLoopIntegrationTest
class ErasureIntegrationTests {

    private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void cancelsOpenTasksAndForgetsNamesAndComments() {
        Scenario api = new Scenario(port);
        String contactId = Scenario.unique("c");
        Scenario.contact(contactId, "o-1", AccountTier.STANDARD, true, "en");
        Scenario.publish(Scenario.score(contactId, "o-1", Scenario.unique("r"), 1, Metric.CSAT, 1, "my name is Jana",
                AccountTier.STANDARD));
        Scenario.publish(Scenario.score(contactId, "o-1", Scenario.unique("r"), 1, Metric.NPS, 2, "call me at 777",
                AccountTier.STANDARD));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks(api, contactId).size() == 2
                && tasks(api, contactId).get(0).get("contactName").isString());
        String csat = contactId + ":LOW_CSAT:1";
        api.post("/api/v1/tasks/" + csat + "/resolve", ADMIN, "{\"rootCause\":\"OTHER\",\"note\":\"Jana was happy\"}");

        try (TopicProbe events = Scenario.KAFKA.openProbe(Topics.FOLLOWUP_TASKS)) {
            Scenario.erased(contactId);

            events.awaitRecord(KafkaRecords.withKey(contactId).and(KafkaRecords.valueContaining("FollowUpTaskCancelled"))
                    .and(KafkaRecords.valueContaining("CONTACT_ERASED")).and(KafkaRecords.valueContaining(
                            "\"openTasks\":0")), Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            java.util.List<JsonNode> all = tasks(api, contactId);
            assertThat(all).hasSize(2).allSatisfy(task -> {
                assertThat(task.get("comment").isNull()).isTrue();
                assertThat(task.get("contactName").isNull()).isTrue();
                assertThat(task.get("note").isNull()).isTrue();
                assertThat(task.get("score").isNull()).isFalse();
            });
            assertThat(all).extracting(t -> t.get("status").asString()).containsExactlyInAnyOrder("RESOLVED",
                    "CANCELLED");
        });
        String stored = mongo.findOne(Query.query(Criteria.where("_id").is(contactId)), org.bson.Document.class,
                "followups").toJson() + mongo.find(Query.query(Criteria.where("contactId").is(contactId)),
                org.bson.Document.class, "tasks") + mongo.findOne(Query.query(Criteria.where("_id").is(contactId)),
                org.bson.Document.class, "contacts").toJson() + mongo.find(Query.query(Criteria.where("contactId")
                .is(contactId)), org.bson.Document.class, "alerts");
        assertThat(stored).doesNotContain("Jana").doesNotContain("777").doesNotContain("Nováková");

        Scenario.publish(Scenario.score(contactId, "o-1", Scenario.unique("r"), 1, Metric.NPS, 0, "again",
                AccountTier.STANDARD));
        Scenario.publish(Scenario.score("marker-" + contactId, "o-1", Scenario.unique("r"), 1, Metric.NPS, 0, "m",
                AccountTier.STANDARD));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks(api, "marker-" + contactId).size() == 1);
        assertThat(tasks(api, contactId)).hasSize(2);
    }

    private static java.util.List<JsonNode> tasks(Scenario api, String contactId) {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        api.getJson("/api/v1/tasks?contactId=" + contactId, ADMIN).get("content").forEach(all::add);
        return all;
    }
}
