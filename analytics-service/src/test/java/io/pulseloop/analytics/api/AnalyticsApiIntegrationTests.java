package io.pulseloop.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ResponseCompleted;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.response.ResponseStarted;
import io.pulseloop.events.response.SurveyPageViewed;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationIssued;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/** The §6.2 endpoints over HTTP on events published to the broker, and the §8.1 signals they raise. */
@AnalyticsIntegrationTest
class AnalyticsApiIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();
    private static final Instant DAY = Instant.parse("2026-10-14T09:00:00Z");

    @LocalServerPort
    int port;

    private final TestEvents events = new TestEvents(KAFKA);

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    private AnalyticsApi api() {
        return new AnalyticsApi(port);
    }

    @Test
    void answersABadGroupByDateOrMetricWithAProblemNamingTheField() {
        assertProblem("/api/v1/analytics/scores?groupBy=colour", "groupBy");
        assertProblem("/api/v1/analytics/scores?from=2026-13-01", "from");
        assertProblem("/api/v1/analytics/scores?to=yesterday", "to");
        assertProblem("/api/v1/analytics/scores?metric=XYZ", "metric");
        assertProblem("/api/v1/analytics/response-rates?groupBy=colour", "groupBy");
        assertProblem("/api/v1/analytics/themes?category=angry", "category");
        assertProblem("/api/v1/analytics/followup?from=01.10.2026", "from");
        assertProblem("/api/v1/analytics/revenue?to=2026-02-30", "to");
    }

    @Test
    void refusesTheApiWithoutCredentials() throws Exception {
        assertThat(api().get("/api/v1/analytics/scores", "application/json").statusCode()).isEqualTo(200);
        assertThat(anonymous("/api/v1/analytics/scores").statusCode()).isEqualTo(401);
        assertThat(anonymous("/dashboard").statusCode()).isEqualTo(401);
        assertThat(anonymous("/v3/api-docs").statusCode()).isEqualTo(200);
    }

    @Test
    void comparesWithThePreviousPeriodAndSaysWhenThereWereNoEarlierAnswers() {
        String survey = "cmp-" + UUID.randomUUID();
        List<ScoreRecorded> scores = new ArrayList<>();
        // previous period 2026-10-01..10: 80 P, 60 D of 200; current 2026-10-11..20: 100 P, 40 D of 200 (issue oracle)
        addAnswers(scores, survey, "north", Instant.parse("2026-10-05T10:00:00Z"), 80, 60, 60);
        addAnswers(scores, survey, "north", Instant.parse("2026-10-15T10:00:00Z"), 100, 60, 40);
        addAnswers(scores, survey, "south", Instant.parse("2026-10-16T10:00:00Z"), 3, 0, 1);
        events.publishAll(scores);

        String query = "/api/v1/analytics/scores?metric=NPS&surveyId=" + survey
                + "&from=2026-10-11&to=2026-10-20&groupBy=region&compare=previous";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api().json(query).path("overall").path("responses").asInt()).isEqualTo(204));
        JsonNode answer = api().json(query);

        JsonNode north = group(answer, "north");
        assertThat(north.path("responses").asInt()).isEqualTo(200);
        assertThat(north.path("score").asDouble()).isCloseTo(30.0, within(1e-9));
        assertThat(north.path("marginOfError").asDouble()).isCloseTo(10.82, within(0.005));
        assertThat(north.path("lowSample").asBoolean()).isFalse();
        assertThat(north.path("previous").path("responses").asInt()).isEqualTo(200);
        assertThat(north.path("previous").path("score").asDouble()).isCloseTo(10.0, within(1e-9));
        assertThat(north.path("change").asDouble()).isCloseTo(20.0, within(1e-9));
        assertThat(north.path("significant").asBoolean()).isTrue();
        assertThat(north.path("interval")).hasSize(2);

        JsonNode south = group(answer, "south");
        assertThat(south.path("lowSample").asBoolean()).isTrue();
        assertThat(south.path("previous").path("responses").asInt()).isZero();
        assertThat(south.path("previous").has("score")).isTrue();
        assertThat(south.path("previous").path("score").isNull()).isTrue();
        assertThat(south.path("change").isNull()).isTrue();
        assertThat(south.path("significant").asBoolean()).isFalse();
    }

    @Test
    void answersCsvWithTheGroupsFieldNamesAndNeutralisedFormulas() {
        String survey = "csv-" + UUID.randomUUID();
        List<ScoreRecorded> scores = new ArrayList<>();
        addAnswers(scores, survey, "=HYPERLINK(\"http://evil.example\",\"x\")", DAY, 2, 1, 1);
        addAnswers(scores, survey, "north", DAY, 1, 1, 0);
        events.publishAll(scores);
        String query = "/api/v1/analytics/scores?metric=NPS&surveyId=" + survey + "&groupBy=region";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api().json(query).path("overall").path("responses").asInt()).isEqualTo(6));

        HttpResponse<String> csv = api().get(query, "text/csv");

        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("key,responses,score,marginOfError,lowSample,promoters,passives,"
                + "detractors,interval.low,interval.high");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("\"'=HYPERLINK(").contains(",4,25.0,");
        assertThat(lines.get(2)).startsWith("north,2,50.0,");
    }

    @Test
    void countsResponseRatesPerInvitation() {
        String survey = "rates-" + UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            String invitation = survey + "-inv-" + i;
            publishInvitation(invitation, survey, i < 2 ? "north" : "south");
            if (i < 3) {
                publishResponse(new ResponseStarted(UUID.randomUUID().toString(), DAY.plusSeconds(60), "c-" + i,
                        "corr", "r-" + invitation, invitation, survey, ResponseChannel.EMAIL_LINK));
            }
            if (i < 1) {
                publishResponse(new ResponseCompleted(UUID.randomUUID().toString(), DAY.plusSeconds(90), "c-" + i,
                        "corr", "r-" + invitation, invitation, survey, ResponseChannel.WEB_PAGE));
            }
            if (i == 3) {
                // the page opened and left without a score: opened, not started
                publishResponse(new SurveyPageViewed("viewed-" + invitation, DAY.plusSeconds(30), "c-" + i, "corr",
                        invitation, survey));
            }
        }
        String query = "/api/v1/analytics/response-rates?surveyId=" + survey + "&from=2026-10-14&to=2026-10-14"
                + "&groupBy=region";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode overall = api().json(query).path("overall");
            assertThat(overall.path("invited").asInt()).isEqualTo(4);
            assertThat(overall.path("opened").asInt()).isEqualTo(4);
            assertThat(overall.path("started").asInt()).isEqualTo(3);
            assertThat(overall.path("completed").asInt()).isEqualTo(1);
            assertThat(overall.path("openedRate").asDouble()).isEqualTo(1.0);
            assertThat(overall.path("startedRate").asDouble()).isEqualTo(0.75);
            assertThat(overall.path("completedRate").asDouble()).isEqualTo(0.25);
        });
        assertThat(group(api().json(query), "north").path("startedRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void reportsFollowUpKpisAndRecoveryOfDetractors() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant opened = Instant.parse("2026-07-01T08:00:00Z");
        List<ScoreRecorded> scores = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String contact = "fu-" + run + "-" + i;
            scores.add(TestEvents.score("fu-" + run, Metric.NPS, contact, "fu-r-" + run + "-" + i, 1, 3,
                    opened.minusSeconds(600), null, "en", null));
            // contacts 0 and 1 answer again later: 0 higher (recovered), 1 lower
            if (i < 2) {
                scores.add(TestEvents.score("fu-" + run, Metric.NPS, contact, "fu-r2-" + run + "-" + i, 1,
                        i == 0 ? 8 : 2, opened.plus(Duration.ofDays(40)), null, "en", null));
            }
        }
        events.publishAll(scores);
        // attempts after 1 h and 3 h: median 2 h; task 0 resolved in time, task 1 late, tasks 2 and 3 open
        events.detractorTask("t0-" + run, "fu-" + run + "-0", "fu-r-" + run + "-0", 3, opened, Duration.ofHours(1),
                true);
        events.detractorTask("t1-" + run, "fu-" + run + "-1", "fu-r-" + run + "-1", 3, opened, Duration.ofHours(3),
                false);
        events.detractorTask("t2-" + run, "fu-" + run + "-2", "fu-r-" + run + "-2", 3, opened, null, false);
        events.detractorTask("t3-" + run, "fu-" + run + "-3", "fu-r-" + run + "-3", 3, opened, null, false);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode kpis = api().json("/api/v1/analytics/followup?from=2026-07-01&to=2026-07-01");
            assertThat(kpis.path("opened").asInt()).isEqualTo(4);
            assertThat(kpis.path("resolved").asInt()).isEqualTo(2);
            assertThat(kpis.path("unreachable").asInt()).isZero();
            assertThat(kpis.path("resolvedWithinDueShare").asDouble()).isEqualTo(0.25);
            assertThat(kpis.path("medianTimeToFirstAttempt").asString()).isEqualTo("PT2H");
            assertThat(kpis.path("recoveryRate").asDouble()).isEqualTo(0.25);
        });
    }

    @Test
    void sumsWonDealsPerCurrencyByTheContactsLatestNpsCategory() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ScoreRecorded> scores = new ArrayList<>();
        scores.add(TestEvents.score("rev-" + run, Metric.NPS, "rev-p-" + run, "rev-r1-" + run, 1, 4,
                Instant.parse("2026-03-01T10:00:00Z"), null, "en", null));
        scores.add(TestEvents.score("rev-" + run, Metric.NPS, "rev-p-" + run, "rev-r2-" + run, 1, 10,
                Instant.parse("2026-03-20T10:00:00Z"), null, "en", null));
        scores.add(TestEvents.score("rev-" + run, Metric.NPS, "rev-d-" + run, "rev-r3-" + run, 1, 2,
                Instant.parse("2026-03-20T10:00:00Z"), null, "en", null));
        events.publishAll(scores);
        events.dealWon("rev-p-" + run, "rev-deal1-" + run, Instant.parse("2030-01-05T10:00:00Z"), "125000", "CZK",
                "crm");
        events.dealWon("rev-p-" + run, "rev-deal2-" + run, Instant.parse("2030-01-06T10:00:00Z"), "1000.5", "EUR",
                "crm");
        events.dealWon("rev-d-" + run, "rev-deal3-" + run, Instant.parse("2030-01-07T10:00:00Z"), "500", "EUR",
                "crm");
        events.dealWon("rev-d-" + run, "rev-deal4-" + run, Instant.parse("2030-02-07T10:00:00Z"), "999", "EUR",
                "crm");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode revenue = api().json("/api/v1/analytics/revenue?from=2030-01-01&to=2030-01-31");
            JsonNode promoter = category(revenue, "promoter");
            assertThat(promoter.path("amounts").path("CZK").asDouble()).isEqualTo(125000.0);
            assertThat(promoter.path("amounts").path("EUR").asDouble()).isEqualTo(1000.5);
            assertThat(category(revenue, "detractor").path("amounts").path("EUR").asDouble()).isEqualTo(500.0);
            assertThat(promoter.path("contacts").asInt()).isPositive();
        });
    }

    private static JsonNode category(JsonNode revenue, String name) {
        for (JsonNode category : revenue.path("categories")) {
            if (category.path("category").asString().equals(name)) {
                return category;
            }
        }
        throw new AssertionError("no category " + name + " in " + revenue);
    }

    private static JsonNode group(JsonNode answer, String key) {
        for (JsonNode group : answer.path("groups")) {
            if (group.path("key").asString().equals(key)) {
                return group;
            }
        }
        throw new AssertionError("no group " + key + " in " + answer);
    }

    private void assertProblem(String query, String field) {
        HttpResponse<String> response = api().get(query, "application/json");
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(EventJson.mapper().readTree(response.body()).path("field").asString()).as(query).isEqualTo(field);
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Adds n answers: {@code promoters} 10s, {@code passives} 8s, {@code detractors} 3s. */
    private static void addAnswers(List<ScoreRecorded> scores, String survey, String region, Instant at,
            int promoters, int passives, int detractors) {
        SurveyContext context = TestEvents.context("acc-" + survey, AccountTier.STANDARD, region, "b", "o", "p");
        int[] values = new int[promoters + passives + detractors];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < promoters ? 10 : i < promoters + passives ? 8 : 3;
        }
        for (int value : values) {
            String id = survey + "-" + UUID.randomUUID();
            scores.add(TestEvents.score(survey, Metric.NPS, "c-" + id, id, 1, value, at, null, "en", context));
        }
    }

    private void publishInvitation(String invitationId, String surveyId, String region) {
        SurveyContext context = TestEvents.context("acc", AccountTier.KEY, region, "b", "o", "p");
        InvitationIssued issued = new InvitationIssued(UUID.randomUUID().toString(), DAY, "c-" + invitationId,
                "corr", invitationId, surveyId, "hash", DAY.plus(Duration.ofDays(30)), "en", null, context);
        KAFKA.publish(Topics.SURVEY_INVITATIONS, issued.contactId(),
                EventJson.mapper().writerFor(InvitationEvent.class).writeValueAsString(issued));
    }

    private void publishResponse(ResponseEvent event) {
        KAFKA.publish(Topics.RESPONSE_RESPONSES, event.contactId(),
                EventJson.mapper().writerFor(ResponseEvent.class).writeValueAsString(event));
    }
}
