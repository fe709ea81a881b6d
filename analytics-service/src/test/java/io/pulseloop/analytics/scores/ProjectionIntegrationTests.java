package io.pulseloop.analytics.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import io.pulseloop.analytics.AnalyticsApi;
import io.pulseloop.analytics.AnalyticsApplication;
import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.StaffAuthTestConfiguration;
import io.pulseloop.analytics.TestEvents;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.infrastructure.RealInfrastructureInitializer;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/**
 * Some 2,600 generated score events (revisions, verbatim duplicates, older revisions redelivered late, a
 * consumer restart mid-stream and an erasure) against an independent computation of the same numbers from the
 * generated answers; then a rebuild (a second instance replaying the topics into a fresh database under a fresh
 * consumer group) gives the same numbers.
 */
@AnalyticsIntegrationTest
class ProjectionIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();
    private static final String[] REGIONS = {"north", "south", "east", null};
    private static final String[] BRANCHES = {"brno", "praha", "ostrava"};
    private static final String[] LOCALES = {"en", "cs", "pl"};
    private static final LocalDate START = LocalDate.parse("2026-08-01");

    @LocalServerPort
    int port;

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    ScoreFacts facts;

    private final TestEvents events = new TestEvents(KAFKA);

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void numbersEqualAnIndependentComputationDespiteDuplicatesRevisionsARestartAndAnErasureAndARebuildAgrees() {
        // given: 1,200 responses to three surveys, 1 to 3 answers each, 10 % of the events delivered twice
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<Metric, String> surveys = Map.of(Metric.NPS, "nps-" + run, Metric.CSAT, "csat-" + run,
                Metric.CES, "ces-" + run);
        Random random = new Random(13);
        List<ScoreRecorded> stream = new ArrayList<>();
        Map<String, Expected> expected = new HashMap<>();
        for (int i = 0; i < 1_200; i++) {
            Metric metric = Metric.values()[i % 3];
            String contactId = "c-" + run + "-" + (i % 500);
            String responseId = "r-" + run + "-" + i;
            String region = REGIONS[random.nextInt(REGIONS.length)];
            String branch = BRANCHES[random.nextInt(BRANCHES.length)];
            var context = TestEvents.context("acc-" + run + "-" + (i % 50), AccountTier.STANDARD, region, branch,
                    "owner-" + (i % 7), "product-" + (i % 2));
            Instant first = START.plusDays(random.nextInt(60)).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(random.nextInt(86_000));
            int revisions = 1 + random.nextInt(3);
            int score = 0;
            for (int revision = 1; revision <= revisions; revision++) {
                score = scoreOf(metric, random);
                // a revision may come days later: the response keeps the date of its first answer
                Instant at = first.plus(Duration.ofDays(revision - 1L).plusHours(revision - 1L));
                stream.add(TestEvents.score(surveys.get(metric), metric, contactId, responseId, revision, score, at,
                        "comment " + i, LOCALES[i % 3], context));
            }
            expected.put(responseId, new Expected(metric, score, LocalDate.ofInstant(first, ZoneOffset.UTC), region,
                    branch, contactId));
        }
        List<ScoreRecorded> duplicates = new ArrayList<>();
        for (int i = 0; i < stream.size(); i += 10) {
            duplicates.add(stream.get(i)); // the same event again, after everything else: an older revision late
        }

        // when: half, a consumer restart while the other half arrives, the duplicates, and an erasure
        int half = stream.size() / 2;
        events.publishAll(stream.subList(0, half));
        bindings.stop("scoreEvents-in-0");
        events.publishAll(stream.subList(half, stream.size()));
        bindings.start("scoreEvents-in-0");
        events.publishAll(duplicates);
        String erasedContact = "c-" + run + "-7";
        events.erased(erasedContact);
        AnalyticsApi api = new AnalyticsApi(port);

        // then
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertEqualsIndependentComputation(api, surveys, expected));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> expected.entrySet().stream()
                .filter(e -> e.getValue().contactId().equals(erasedContact)).forEach(e ->
                        assertThat(facts.find(e.getKey())).hasValueSatisfying(fact -> {
                            assertThat(fact.comment()).isNull();
                            assertThat(fact.erased()).isTrue();
                        })));
        assertEqualsIndependentComputation(api, surveys, expected); // erasure left the aggregates as they were
        assertThat(facts.find("r-" + run + "-8").orElseThrow().comment()).isEqualTo("comment 8");

        // and: a rebuild into a fresh database under a fresh consumer group gives the same numbers
        try (ConfigurableApplicationContext rebuilt = new SpringApplicationBuilder(AnalyticsApplication.class,
                StaffAuthTestConfiguration.class)
                .initializers(new RealInfrastructureInitializer())
                .properties("server.port=0", "pulseloop.analytics.generation-suffix=-rebuild-" + run,
                        "pulseloop.analytics.publish-signals=false")
                .run()) {
            int rebuiltPort = ((WebServerApplicationContext) rebuilt).getWebServer().getPort();
            AnalyticsApi rebuiltApi = new AnalyticsApi(rebuiltPort);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (String query : List.of("/api/v1/analytics/scores?surveyId=" + surveys.get(Metric.NPS)
                        + "&groupBy=region", "/api/v1/analytics/scores?surveyId=" + surveys.get(Metric.CSAT)
                        + "&groupBy=week", "/api/v1/analytics/scores?surveyId=" + surveys.get(Metric.CES)
                        + "&groupBy=branch&from=2026-08-15&to=2026-09-10&compare=previous")) {
                    assertThat(rebuiltApi.json(query)).isEqualTo(api.json(query));
                }
            });
        }
    }

    private static void assertEqualsIndependentComputation(AnalyticsApi api, Map<Metric, String> surveys,
            Map<String, Expected> expected) {
        // NPS by region
        JsonNode nps = api.json("/api/v1/analytics/scores?metric=NPS&surveyId=" + surveys.get(Metric.NPS)
                + "&groupBy=region");
        Map<String, long[]> byRegion = new TreeMap<>();
        expected.values().stream().filter(e -> e.metric() == Metric.NPS).forEach(e -> {
            long[] counts = byRegion.computeIfAbsent(e.region() == null ? "unknown" : e.region(), k -> new long[3]);
            counts[0]++;
            counts[1] += e.score() >= 9 ? 1 : 0;
            counts[2] += e.score() <= 6 ? 1 : 0;
        });
        assertThat(nps.path("groups")).hasSize(byRegion.size());
        for (JsonNode group : nps.path("groups")) {
            long[] counts = byRegion.get(group.path("key").asString());
            assertThat(group.path("responses").asLong()).isEqualTo(counts[0]);
            assertThat(group.path("promoters").asLong()).isEqualTo(counts[1]);
            assertThat(group.path("detractors").asLong()).isEqualTo(counts[2]);
            assertThat(group.path("score").asDouble()).isCloseTo(100.0 * (counts[1] - counts[2]) / counts[0],
                    within(1e-9));
        }
        // CSAT by day of the first answer
        JsonNode csat = api.json("/api/v1/analytics/scores?surveyId=" + surveys.get(Metric.CSAT) + "&groupBy=day");
        Map<String, long[]> byDay = new TreeMap<>();
        expected.values().stream().filter(e -> e.metric() == Metric.CSAT).forEach(e -> {
            long[] counts = byDay.computeIfAbsent(e.day().toString(), k -> new long[2]);
            counts[0]++;
            counts[1] += e.score() >= 4 ? 1 : 0;
        });
        assertThat(csat.path("metric").asString()).isEqualTo("CSAT");
        assertThat(csat.path("groups")).hasSize(byDay.size());
        for (JsonNode group : csat.path("groups")) {
            long[] counts = byDay.get(group.path("key").asString());
            assertThat(group.path("responses").asLong()).isEqualTo(counts[0]);
            assertThat(group.path("satisfied").asLong()).isEqualTo(counts[1]);
        }
        // CES by branch, in a period
        LocalDate from = LocalDate.parse("2026-08-15");
        LocalDate to = LocalDate.parse("2026-09-10");
        JsonNode ces = api.json("/api/v1/analytics/scores?surveyId=" + surveys.get(Metric.CES)
                + "&groupBy=branch&from=" + from + "&to=" + to);
        Map<String, double[]> byBranch = new TreeMap<>();
        expected.values().stream().filter(e -> e.metric() == Metric.CES && !e.day().isBefore(from)
                && !e.day().isAfter(to)).forEach(e -> {
                    double[] sums = byBranch.computeIfAbsent(e.branch(), k -> new double[2]);
                    sums[0]++;
                    sums[1] += e.score();
                });
        assertThat(ces.path("groups")).hasSize(byBranch.size());
        for (JsonNode group : ces.path("groups")) {
            double[] sums = byBranch.get(group.path("key").asString());
            assertThat(group.path("responses").asLong()).isEqualTo((long) sums[0]);
            assertThat(group.path("mean").asDouble()).isCloseTo(sums[1] / sums[0], within(1e-9));
        }
    }

    private static int scoreOf(Metric metric, Random random) {
        return switch (metric) {
            case NPS -> random.nextInt(11);
            case CSAT -> 1 + random.nextInt(5);
            case CES -> 1 + random.nextInt(7);
        };
    }

    private record Expected(Metric metric, int score, LocalDate day, String region, String branch,
            String contactId) {
    }
}
