package io.pulseloop.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.TestEvents;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;

/**
 * The write path of a score (its fact, the invitation's progress, the contact, the signal state) touches MongoDB
 * only with exact {@code _id} lookups and writes, which the embedded server answers from its index: its cost does not
 * grow with the data (issue 10).
 */
@AnalyticsIntegrationTest
class HotPathIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();

    @Autowired
    MongoCommandRecorder recorder;

    @Autowired
    ScoreFacts facts;

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void scoresAndTheirRevisionsAreAppliedWithIdLookupsOnly() {
        String run = "hot-" + UUID.randomUUID();
        TestEvents events = new TestEvents(KAFKA);
        var context = TestEvents.context("acc-" + run, AccountTier.KEY, "north", "brno", "owner-1", "crm");
        recorder.clear();

        events.publish(TestEvents.score("hot", Metric.NPS, "c-" + run, "r-" + run, 1, 3, Instant.now(), "slow",
                "en", context));
        events.publish(TestEvents.score("hot", Metric.NPS, "c-" + run, "r-" + run, 2, 9, Instant.now(), null, "en",
                context));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(facts.find("r-" + run)).hasValueSatisfying(f -> assertThat(f.revision()).isEqualTo(2)));

        List<MongoCommandRecorder.Command> ours = recorder.commands().stream()
                .filter(command -> command.filter().toJson().contains(run)).toList();
        assertThat(ours).extracting(MongoCommandRecorder.Command::collection)
                .contains("score_facts", "invitation_facts", "contacts", "signal_contacts", "signal_accounts");
        assertThat(ours).allMatch(MongoCommandRecorder.Command::isIdLookup);
    }
}
