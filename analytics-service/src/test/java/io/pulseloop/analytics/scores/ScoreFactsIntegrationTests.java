package io.pulseloop.analytics.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

@AnalyticsIntegrationTest
class ScoreFactsIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();

    @Autowired
    ScoreFacts facts;

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void storesAScorePublishedOnTheBroker() {
        String responseId = "response-" + UUID.randomUUID();

        publish(score(responseId, 1, 9));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(facts.find(responseId))
                .hasValueSatisfying(fact -> {
                    assertThat(fact.score()).isEqualTo(9);
                    assertThat(fact.metric()).isEqualTo(Metric.NPS);
                }));
    }

    @Test
    void countsARevisedResponseOnceWithItsLatestScore() {
        String responseId = "response-" + UUID.randomUUID();

        publish(score(responseId, 1, 3));
        publish(score(responseId, 2, 8));
        publish(score(responseId, 1, 3)); // a redelivery of the first answer

        String marker = "response-" + UUID.randomUUID();
        publish(score(marker, 1, 10));
        await().atMost(Duration.ofSeconds(30)).until(() -> facts.find(marker).isPresent());
        assertThat(facts.find(responseId)).hasValueSatisfying(fact -> {
            assertThat(fact.revision()).isEqualTo(2);
            assertThat(fact.score()).isEqualTo(8);
        });
    }

    private static void publish(ScoreRecorded score) {
        KAFKA.publish(Topics.RESPONSE_SCORES, score.contactId(), EventJson.mapper().writeValueAsString(score));
    }

    private static ScoreRecorded score(String responseId, int revision, int score) {
        return new ScoreRecorded(UUID.randomUUID().toString(), Instant.parse("2026-11-20T10:00:00Z"), "contact-1",
                "corr", responseId, "invitation-" + responseId, revision, "relationship-nps", 1, Metric.NPS, score,
                score >= 9 ? ScoreCategory.PROMOTER : score >= 7 ? ScoreCategory.PASSIVE : ScoreCategory.DETRACTOR,
                null, Map.of(), "en", ResponseChannel.API, Instant.parse("2026-11-19T10:00:00Z"), null);
    }
}
