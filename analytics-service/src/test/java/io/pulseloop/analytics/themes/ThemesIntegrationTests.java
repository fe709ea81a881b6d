package io.pulseloop.analytics.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.analytics.AnalyticsApi;
import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.TestEvents;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/**
 * Themes per language over the API: Czech, Polish and English comments of detractors against all comments of their
 * language, examples without the contact's names, and an erased contact's comments leave the themes.
 */
@AnalyticsIntegrationTest
class ThemesIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();
    private static final Instant AT = Instant.parse("2026-06-10T10:00:00Z");

    @LocalServerPort
    int port;

    private final TestEvents events = new TestEvents(KAFKA);

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void findsTheDetractorsThemesInCzechPolishAndEnglishWithAnonymisedExamples() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String survey = "themes-" + run;
        events.contact("jana-" + run, "Jana", "Dvořáková", "acc", AccountTier.STANDARD);
        List<ScoreRecorded> scores = new ArrayList<>();
        add(scores, survey, run, "cs", 2, "Jana: technik byl pomalý", "jana-" + run);
        add(scores, survey, run, "cs", 3, "Podpora je pomalá", null);
        add(scores, survey, run, "cs", 4, "Pomalé dodání", null);
        add(scores, survey, run, "cs", 10, "Rychlé dodání", null);
        add(scores, survey, run, "cs", 9, "Skvělá podpora", null);
        add(scores, survey, run, "pl", 2, "Faktura była błędna", null);
        add(scores, survey, run, "pl", 3, "Błędna faktura znowu", null);
        add(scores, survey, run, "pl", 10, "Świetna obsługa", null);
        add(scores, survey, run, "en", 1, "Slow delivery again", null);
        add(scores, survey, run, "en", 4, "Delivery was slow", null);
        add(scores, survey, run, "en", 10, "Fast delivery", null);
        events.publishAll(scores);
        AnalyticsApi api = new AnalyticsApi(port);
        String base = "/api/v1/analytics/themes?surveyId=" + survey + "&category=detractor";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode czech = api.json(base + "&locale=cs").path("terms").get(0);
            assertThat(czech.path("stem").asString()).startsWith("pomal");
            assertThat(czech.path("count").asInt()).isEqualTo(3);
            assertThat(czech.path("lift").asDouble()).isEqualTo((3.0 / 3) / (3.0 / 5));
            assertThat(czech.path("examples").toString()).contains("…: technik byl pomalý").doesNotContain("Jana");
        });
        assertThat(terms(api.json(base + "&locale=pl"))).anySatisfy(term -> assertThat(term).contains("faktur"));
        assertThat(terms(api.json(base + "&locale=en"))).contains("slow");

        // an erased contact's comment leaves the themes
        events.erased("jana-" + run);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode after = api.json(base + "&locale=cs").path("terms");
            assertThat(after.get(0).path("count").asInt()).isEqualTo(2);
            assertThat(after.toString()).doesNotContain("technik");
        });
    }

    private static List<String> terms(JsonNode answer) {
        List<String> terms = new ArrayList<>();
        answer.path("terms").forEach(term -> terms.add(term.path("term").asString()));
        return terms;
    }

    private static void add(List<ScoreRecorded> scores, String survey, String run, String locale, int score,
            String comment, String contactId) {
        String id = survey + "-" + UUID.randomUUID();
        scores.add(TestEvents.score(survey, Metric.NPS, contactId != null ? contactId : "c-" + id, id, 1, score, AT,
                comment, locale, null));
    }
}
