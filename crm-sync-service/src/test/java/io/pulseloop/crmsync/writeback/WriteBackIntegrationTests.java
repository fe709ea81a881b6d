package io.pulseloop.crmsync.writeback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.crmsync.StaffApi;
import io.pulseloop.crmsync.writeback.rules.PropertyChange;
import io.pulseloop.crmsync.writeback.rules.PropertyValue;
import io.pulseloop.events.followup.FollowUpState;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.followup.FollowUpTaskOpened;
import io.pulseloop.events.followup.FollowUpTaskResolved;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskCleared;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.signal.UpsellOpportunityDetected;
import io.pulseloop.events.signal.UpsellOpportunityWithdrawn;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.topic.Topics;

/** Contract §8 against WireMock as the CRM. */
class WriteBackIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String CONTACTS = "/crm/v3/objects/contacts/";

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WriteBackOutbox outbox;

    @LocalServerPort
    int port;

    private Instant now;

    @BeforeEach
    void clock() {
        now = Instant.now();
    }

    @Test
    void writesAnNpsScoreBackWithTheBearerToken() {
        String contactId = CloudEvents.uniqueId("c");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}")));

        publishScore(contactId, Metric.NPS, 6, 1, now);

        await().atMost(WAIT).until(() -> !requests(contactId).isEmpty());
        crm.server().verify(patchRequestedFor(urlEqualTo(CONTACTS + contactId))
                .withHeader("Authorization", equalTo("Bearer " + CRM_TOKEN))
                .withHeader("Content-Type", equalTo("application/json")));
        JsonNode body = EventJson.mapper().readTree(requests(contactId).get(0).getRequest().getBodyAsString());
        assertThat(body.path("properties").path("pulseloop_nps_score").asString()).isEqualTo("6");
        assertThat(body.path("properties").path("pulseloop_nps_category").asString()).isEqualTo("detractor");
        assertThat(body.path("properties").path("pulseloop_nps_date").asString())
                .isEqualTo(now.toString().substring(0, 10));
        assertThat(body.path("properties").path("pulseloop_nps_score").isString()).isTrue();
    }

    @Test
    void aRevisedAnswerSupersedesAndARedeliveredOldOneDoesNot() {
        String contactId = CloudEvents.uniqueId("c");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}")));

        publishScore(contactId, Metric.CSAT, 1, 1, now);
        publishScore(contactId, Metric.CSAT, 5, 2, now.plusSeconds(30));
        publishScore(contactId, Metric.CSAT, 1, 1, now);

        await().atMost(WAIT).until(() -> "5".equals(crmState(contactId).get("pulseloop_csat_score")));
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> "5".equals(crmState(contactId).get("pulseloop_csat_score")));
    }

    @Test
    void writesFollowUpStateMarketingPauseAndChurnRisk() {
        String contactId = CloudEvents.uniqueId("c");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}")));

        publishTask(new FollowUpTaskOpened("e1-" + contactId, now, contactId, "corr", "task-1", TaskReason.DETRACTOR,
                "own-1", now.plusSeconds(3600), "relationship-nps", "r-1", Metric.NPS, 3, new FollowUpState(1, true)));
        publishSignal(new ChurnRiskDetected("e2-" + contactId, now, contactId, "corr", "acc-1", "own-1", Metric.NPS, 9,
                3, "NPS fell from 9 to 3"));

        await().atMost(WAIT).until(() -> crmState(contactId).equals(Map.of("pulseloop_followup_open", "true",
                "pulseloop_marketing_paused", "true", "pulseloop_churn_risk", "true")));

        publishTask(new FollowUpTaskResolved("e3-" + contactId, now.plusSeconds(60), contactId, "corr", "task-1",
                TaskReason.DETRACTOR, "own-1", "billing error", "refunded", new FollowUpState(0, false)));

        await().atMost(WAIT).until(() -> crmState(contactId).equals(Map.of("pulseloop_followup_open", "false",
                "pulseloop_marketing_paused", "false", "pulseloop_churn_risk", "true")));
    }

    @Test
    void churnRiskGoesToEveryContactWhoseAnswersRaisedItAndIsClearedOnThem() {
        String first = CloudEvents.uniqueId("c");
        String second = CloudEvents.uniqueId("c");
        String promoter = CloudEvents.uniqueId("c");
        List.of(first, second, promoter).forEach(contact -> crm.server().stubFor(patch(urlEqualTo(CONTACTS + contact))
                .willReturn(ok("{}"))));

        publishSignal(new ChurnRiskDetected("e1-" + second, now, second, "corr", "acc-1", "own-1", Metric.NPS, null, 2,
                "two detractors of a key account within 30 days", List.of(first, second), List.of("r-1", "r-2")));

        await().atMost(WAIT).until(() -> "true".equals(crmState(first).get("pulseloop_churn_risk"))
                && "true".equals(crmState(second).get("pulseloop_churn_risk")));

        publishSignal(new ChurnRiskCleared("e2-" + promoter, now.plusSeconds(60), promoter, "corr", "acc-1",
                "a promoter answered", List.of(first, second), List.of("r-3")));

        await().atMost(WAIT).until(() -> "false".equals(crmState(first).get("pulseloop_churn_risk"))
                && "false".equals(crmState(second).get("pulseloop_churn_risk")));
        assertThat(requests(promoter)).isEmpty();
    }

    @Test
    void writesUpsellCandidateWhenRaisedAndWithdrawn() {
        String contactId = CloudEvents.uniqueId("c");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}")));

        publishSignal(new UpsellOpportunityDetected("e1-" + contactId, now, contactId, "corr", "acc-1", "own-1", 10,
                List.of("fiber-1g"), "a promoter without TV", List.of("tv"), List.of("r-1"), List.of("d-1")));

        await().atMost(WAIT).until(() -> "true".equals(crmState(contactId).get("pulseloop_upsell_candidate")));

        publishSignal(new UpsellOpportunityWithdrawn("e2-" + contactId, now.plusSeconds(60), contactId, "corr",
                "acc-1", "a passive answer"));

        await().atMost(WAIT).until(() -> "false".equals(crmState(contactId).get("pulseloop_upsell_candidate")));
    }

    @Test
    void survives429WithRetryAfter500sAndTimeoutsThenTheLastStateWins() {
        String contactId = CloudEvents.uniqueId("c");
        String url = CONTACTS + contactId;
        String scenario = "flaky-" + contactId;
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("500-a"));
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs("500-a")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("500-b"));
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs("500-b")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("slow"));
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs("slow")
                .willReturn(ok("{}").withFixedDelay(2500)).willSetStateTo("up"));
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(ok("{}")));

        publishScore(contactId, Metric.NPS, 3, 1, now);
        await().atMost(WAIT).until(() -> !requests(contactId).isEmpty());
        publishTask(new FollowUpTaskOpened("e1-" + contactId, now.plusSeconds(1), contactId, "corr", "task-1",
                TaskReason.DETRACTOR, "own-1", now.plusSeconds(3600), "relationship-nps", "r-1", Metric.NPS, 3,
                new FollowUpState(1, true)));
        publishScore(contactId, Metric.NPS, 10, 2, now.plusSeconds(2));
        publishTask(new FollowUpTaskResolved("e2-" + contactId, now.plusSeconds(3), contactId, "corr", "task-1",
                TaskReason.DETRACTOR, "own-1", "misunderstanding", "explained", new FollowUpState(0, false)));

        Map<String, String> latest = Map.of("pulseloop_nps_score", "10", "pulseloop_nps_category", "promoter",
                "pulseloop_nps_date", now.plusSeconds(2).toString().substring(0, 10),
                "pulseloop_followup_open", "false", "pulseloop_marketing_paused", "false");
        await().atMost(WAIT).until(() -> crmState(contactId).equals(latest)
                && outbox.status(contactId).map(s -> s.pending().isEmpty()).orElse(false));

        List<ServeEvent> served = requests(contactId);
        assertThat(served.stream().map(e -> e.getResponse().getStatus())).contains(429, 500, 503, 200);
        ServeEvent rateLimited = served.stream().filter(e -> e.getResponse().getStatus() == 429).findFirst()
                .orElseThrow();
        ServeEvent next = served.get(served.indexOf(rateLimited) + 1);
        assertThat(Duration.between(rateLimited.getRequest().getLoggedDate().toInstant(),
                next.getRequest().getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(count("pulseloop.crmsync.writeback.requests", "timeout")).isPositive();
    }

    @Test
    void theCircuitOpensWhileTheCrmIsDownAndClosesWhenItIsBackWithNothingLost() {
        CircuitBreaker circuit = circuitBreakers.circuitBreaker("crm");
        circuit.reset(); // start closed, whatever earlier tests left
        List<String> transitions = new CopyOnWriteArrayList<>();
        circuit.getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition().name()));
        circuit.getEventPublisher().onError(e -> transitions.add("error " + e.getThrowable()));
        crm.server().stubFor(patch(urlPathMatching(CONTACTS + ".*")).willReturn(aResponse().withStatus(503)));
        List<String> contactIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String contactId = CloudEvents.uniqueId("down");
            contactIds.add(contactId);
            publishScore(contactId, Metric.NPS, i, 1, now);
        }

        await().atMost(WAIT).until(() -> transitions.stream().anyMatch(t -> t.contains("CLOSED_TO_OPEN")));
        int callsWhileOpen = crm.server().getAllServeEvents().size();
        crm.server().resetAll();
        crm.server().stubFor(patch(urlPathMatching(CONTACTS + ".*")).willReturn(ok("{}")));

        try {
            await().atMost(WAIT).until(() -> circuit.getState() == CircuitBreaker.State.CLOSED && contactIds.stream()
                    .allMatch(id -> outbox.status(id).map(s -> s.pending().isEmpty()).orElse(false)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("transitions: " + transitions, e);
        }
        assertThat(transitions).contains("OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
        for (int i = 0; i < contactIds.size(); i++) {
            assertThat(crmState(contactIds.get(i))).containsEntry("pulseloop_nps_score", Integer.toString(i));
        }
        assertThat(callsWhileOpen).isLessThan(40);
        assertThat(new StaffApi(port).get("/actuator/prometheus", null).body())
                .contains("resilience4j_circuitbreaker_state{", "name=\"crm\"",
                        "pulseloop_crmsync_writeback_deliveries_total{", "pulseloop_crmsync_writeback_requests_seconds");
    }

    @Test
    void anUpdateTheCrmRefusesForGoodIsDroppedNotRetried() {
        String contactId = CloudEvents.uniqueId("c");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId))
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"Property does not exist\"}")));

        publishScore(contactId, Metric.CSAT, 4, 1, now);

        await().atMost(WAIT).until(() -> outbox.status(contactId)
                .map(s -> "rejected".equals(s.lastOutcome()) && s.pending().isEmpty()).orElse(false));
        assertThat(outbox.status(contactId).orElseThrow().lastError()).contains("Property does not exist");
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> requests(contactId).size() == 1);
    }

    @Test
    void deliversWhatTheOutboxHeldBeforeARestart() {
        String contactId = CloudEvents.uniqueId("c");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}")));

        // what a previous process left in MongoDB: the dispatcher needs nothing else
        outbox.record(contactId, List.of(new PropertyChange("pulseloop_churn_risk",
                new PropertyValue("false", now, 0, "left-over-" + contactId))));

        await().atMost(WAIT).until(() -> "false".equals(crmState(contactId).get("pulseloop_churn_risk")));
        assertThat(new StaffApi(port).json("/api/v1/crm/write-backs/" + contactId).path("delivered")
                .path("pulseloop_churn_risk").asString()).isEqualTo("false");
    }

    private void publishScore(String contactId, Metric metric, int score, int revision, Instant at) {
        ScoreRecorded event = new ScoreRecorded(CloudEvents.uniqueId("score"), at, contactId, "corr",
                "resp-" + contactId, "inv-" + contactId, revision, "relationship-nps", 1, metric, score,
                metric == Metric.NPS ? null : ScoreCategory.SATISFIED, "why", Map.of(), "cs",
                ResponseChannel.EMAIL_LINK, at.minusSeconds(3600), null);
        if (revision == 1 && metric == Metric.CSAT && score == 1) {
            event = new ScoreRecorded("first-" + contactId, at, contactId, "corr", "resp-" + contactId,
                    "inv-" + contactId, 1, "support-csat", 1, metric, score, ScoreCategory.DISSATISFIED, null,
                    Map.of(), "cs", ResponseChannel.EMAIL_LINK, at.minusSeconds(3600), null);
        }
        kafka.publish(Topics.RESPONSE_SCORES, contactId, EventJson.mapper().writeValueAsString(event));
    }

    private void publishTask(FollowUpTaskEvent event) {
        kafka.publish(Topics.FOLLOWUP_TASKS, event.contactId(),
                EventJson.mapper().writerFor(FollowUpTaskEvent.class).writeValueAsString(event));
    }

    private void publishSignal(SignalEvent event) {
        kafka.publish(Topics.ANALYTICS_SIGNALS, event.contactId(),
                EventJson.mapper().writerFor(SignalEvent.class).writeValueAsString(event));
    }

    /** The requests for one contact, oldest first. */
    private List<ServeEvent> requests(String contactId) {
        return crm.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(CONTACTS + contactId))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
    }

    /** What the CRM holds for the contact: the properties of every 2xx request applied in arrival order. */
    private Map<String, String> crmState(String contactId) {
        Map<String, String> state = new LinkedHashMap<>();
        for (ServeEvent event : requests(contactId)) {
            if (event.getResponse().getStatus() / 100 == 2) {
                EventJson.mapper().readTree(event.getRequest().getBodyAsString()).path("properties")
                        .properties().forEach(p -> state.put(p.getKey(), p.getValue().asString()));
            }
        }
        return state;
    }

    private double count(String name, String outcome) {
        return meters.find(name).tag("outcome", outcome).meters().stream()
                .mapToDouble(m -> m instanceof Counter c ? c.count()
                        : m instanceof Timer t ? t.count() : 0)
                .sum();
    }
}
