package io.pulseloop.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.TestEvents;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

@AnalyticsIntegrationTest
class ScoreGaugesIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();

    @LocalServerPort
    int port;

    @Autowired
    ScoreGauges gauges;

    @Autowired
    ScoreFacts facts;

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void exposesEachSurveysScoreOfTheLastThirtyDaysToPrometheus() throws Exception {
        String survey = "gauge-" + UUID.randomUUID().toString().substring(0, 8);
        TestEvents events = new TestEvents(KAFKA);
        events.publish(TestEvents.score(survey, Metric.CSAT, "g1", survey + "-1", 1, 5, Instant.now(), null, "en",
                null));
        events.publish(TestEvents.score(survey, Metric.CSAT, "g2", survey + "-2", 1, 2, Instant.now(), null, "en",
                null));
        await().atMost(Duration.ofSeconds(60)).until(() -> facts.find(survey + "-2").isPresent()
                && facts.find(survey + "-1").isPresent());

        gauges.refresh();

        String prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(prometheus).containsPattern("pulseloop_analytics_score\\{[^}]*metric=\"CSAT\"[^}]*survey=\""
                + survey + "\"[^}]*} 50\\.0");
        assertThat(prometheus).containsPattern("pulseloop_analytics_responses\\{[^}]*survey=\"" + survey
                + "\"[^}]*} 2\\.0");
    }
}
