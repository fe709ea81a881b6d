package io.pulseloop.crmsync.writeback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.crmsync.writeback.rules.PropertyChange;
import io.pulseloop.crmsync.writeback.rules.PropertyValue;
import io.pulseloop.events.json.EventJson;

/**
 * The dispatcher: disabled without a CRM URL; enabled, against WireMock as the CRM, fed straight through the outbox
 * (no Kafka in between): one call in flight per contact and the newest values last, a {@code 429} retried after its
 * {@code Retry-After}, {@code 5xx} retried with backoff, and an open circuit keeping updates pending until it closes.
 */
class WriteBackDispatcherTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONTACTS = "/crm/v3/objects/contacts/";

    @Autowired
    WriteBackOutbox outbox;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    private Instant now;

    @BeforeEach
    void closedCircuit() {
        circuitBreakers.circuitBreaker("crm").reset();
        now = Instant.now();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withoutBaseUrlStaysOffAndSaysWhyInsteadOfCrashing(CapturedOutput output) {
        WriteBackOutbox untouched = mock(WriteBackOutbox.class);
        given(untouched.pendingContacts()).willReturn(3L);
        CrmWriteBackProperties unset = new CrmWriteBackProperties(" ", null, new CrmWriteBackProperties.WriteBack(
                Duration.ofMillis(250), 4, 64, Duration.ofMinutes(2), Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofSeconds(10)));
        WriteBackDispatcher dispatcher = new WriteBackDispatcher(untouched, null, unset, null, Clock.systemUTC());

        dispatcher.start();

        assertThat(dispatcher.isRunning()).isFalse();
        assertThat(output).contains("CRM write-back is DISABLED", "PULSELOOP_CRM_BASE_URL", "3 contacts pending");
        dispatcher.stop();
    }

    @Test
    void sendsOneContactsUpdatesOneCallAtATimeAndTheNewestLast() {
        String contactId = CloudEvents.uniqueId("c-order");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}").withFixedDelay(400)));
        warmUp();

        record(contactId, "1", now);
        await().atMost(WAIT).until(() -> !requests(contactId).isEmpty());
        // while the first call is in flight, two newer values arrive
        record(contactId, "2", now.plusSeconds(1));
        record(contactId, "3", now.plusSeconds(2));

        await().atMost(WAIT).until(() -> delivered(contactId, "3"));
        List<ServeEvent> served = requests(contactId);
        for (int i = 1; i < served.size(); i++) {
            Instant previousStarted = served.get(i - 1).getRequest().getLoggedDate().toInstant();
            Instant started = served.get(i).getRequest().getLoggedDate().toInstant();
            assertThat(Duration.between(previousStarted, started)).as("one call in flight per contact")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(390));
        }
        List<Integer> sent = served.stream().map(event -> Integer.parseInt(score(event))).toList();
        assertThat(sent).isSorted().startsWith(1).endsWith(3);
    }

    @Test
    void deliversABacklogOfManyMoreContactsThanWorkersEachExactlyOnce() {
        warmUp();
        List<String> contactIds = IntStream.range(0, 150).mapToObj(i -> CloudEvents.uniqueId("c-backlog")).toList();
        contactIds.forEach(contactId -> crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId))
                .willReturn(ok("{}").withFixedDelay(5))));

        contactIds.forEach(contactId -> record(contactId, "7", now));

        await().atMost(WAIT).until(() -> contactIds.stream().allMatch(contactId -> delivered(contactId, "7")));
        assertThat(contactIds).allSatisfy(contactId -> assertThat(requests(contactId)).as(contactId).hasSize(1));
    }

    @Test
    void retriesA429AfterItsRetryAfter() {
        String contactId = CloudEvents.uniqueId("c-429");
        String url = CONTACTS + contactId;
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(contactId).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(contactId).whenScenarioStateIs("ok")
                .willReturn(ok("{}")));
        warmUp();

        record(contactId, "7", now);

        await().atMost(WAIT).until(() -> delivered(contactId, "7"));
        List<ServeEvent> served = requests(contactId);
        assertThat(served).extracting(event -> event.getResponse().getStatus()).startsWith(429, 200)
                .containsOnlyOnce(429);
        assertThat(between(served.get(0), served.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void retriesServerErrorsWithBackoffKeepingTheUpdatePendingMeanwhile() {
        String contactId = CloudEvents.uniqueId("c-5xx");
        String url = CONTACTS + contactId;
        String[] states = {Scenario.STARTED, "503-2", "503-3", "up"};
        for (int i = 0; i < 3; i++) {
            crm.server().stubFor(patch(urlEqualTo(url)).inScenario(contactId).whenScenarioStateIs(states[i])
                    .willReturn(aResponse().withStatus(503)).willSetStateTo(states[i + 1]));
        }
        crm.server().stubFor(patch(urlEqualTo(url)).inScenario(contactId).whenScenarioStateIs("up")
                .willReturn(ok("{}")));
        warmUp();

        record(contactId, "4", now);

        await().atMost(WAIT).until(() -> requests(contactId).size() >= 2);
        assertThat(outbox.status(contactId).orElseThrow().pending()).containsEntry("pulseloop_nps_score", "4");
        await().atMost(WAIT).until(() -> delivered(contactId, "4"));
        List<ServeEvent> served = requests(contactId);
        assertThat(served).extracting(event -> event.getResponse().getStatus()).containsExactly(503, 503, 503,
                200);
        // backoff between the attempts: 100 ms, 200 ms, 400 ms at least half of each (jitter)
        assertThat(between(served.get(0), served.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    @Test
    void keepsUpdatesPendingWhileTheCircuitIsOpenAndDeliversThemOnceItCloses() {
        String contactId = CloudEvents.uniqueId("c-open");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}")));
        CircuitBreaker circuit = circuitBreakers.circuitBreaker("crm");
        circuit.transitionToForcedOpenState();
        try {
            record(contactId, "9", now);

            await().atMost(WAIT).until(() -> outbox.status(contactId)
                    .map(status -> "circuit-open".equals(status.lastOutcome())).orElse(false));
            assertThat(requests(contactId)).isEmpty();
            assertThat(outbox.status(contactId).orElseThrow().pending()).containsEntry("pulseloop_nps_score",
                    "9");
        } finally {
            circuit.reset();
        }

        await().atMost(WAIT).until(() -> delivered(contactId, "9"));
        assertThat(requests(contactId)).hasSize(1);
    }

    /**
     * One delivered call first: the tests' time limiter is 1 s, and a cold first call can outlast it, after which
     * the client never sees the CRM's answer (rightly resending), which is not what these tests are about.
     */
    private void warmUp() {
        String contactId = CloudEvents.uniqueId("c-warm");
        crm.server().stubFor(patch(urlEqualTo(CONTACTS + contactId)).willReturn(ok("{}")));
        record(contactId, "0", now);
        await().atMost(WAIT).until(() -> delivered(contactId, "0"));
    }

    private void record(String contactId, String score, Instant at) {
        outbox.record(contactId, List.of(new PropertyChange("pulseloop_nps_score",
                new PropertyValue(score, at, 0, "e-" + contactId + "-" + score))));
    }

    private boolean delivered(String contactId, String score) {
        return outbox.status(contactId).map(status -> status.pending().isEmpty()
                && score.equals(status.delivered().get("pulseloop_nps_score"))).orElse(false);
    }

    private List<ServeEvent> requests(String contactId) {
        return crm.server().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(CONTACTS + contactId))
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .toList();
    }

    private static String score(ServeEvent event) {
        return EventJson.mapper().readTree(event.getRequest().getBodyAsString()).path("properties")
                .path("pulseloop_nps_score").asString();
    }

    private static Duration between(ServeEvent first, ServeEvent second) {
        return Duration.between(first.getRequest().getLoggedDate().toInstant(),
                second.getRequest().getLoggedDate().toInstant());
    }
}
