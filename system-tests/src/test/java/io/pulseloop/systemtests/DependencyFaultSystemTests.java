package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, faults: the platform's outside dependencies taken away for a long stretch while the flow of
 * {@link FaultFlow} runs through the five services ({@link WholePlatform}, production profile), then brought back —
 * the CRM (crm-sync's write-backs) and the SMTP relay (survey-service's invitations, closed-loop-service's alert
 * emails). The services reach both through a {@link TcpGate}, so "down" is also a port with nothing listening.
 * Judged like the other fault tests: the set of inputs equals the set of effects, nothing twice, order kept per
 * contact. Its own platform with shortened backoffs (below); only with {@code -Pfaults}.
 */
@EnabledIfSystemProperty(named = "pulseloop.system-tests.execution", matches = "faults")
@EnabledIfSystemProperty(named = "pulseloop.faults.all", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyFaultSystemTests {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyFaultSystemTests.class);
    /** The shortest outage of the CRM; it lasts until every task is resolved, and at least this long. */
    private static final Duration DOWN = Duration.ofSeconds(45);
    /** Each of the two outages of the SMTP relay lasts at least this long. */
    private static final Duration SMTP_DOWN = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String CONTACTS = "/crm/v3/objects/contacts/";
    /** crm-sync's PATCH body when a contact's follow-up opens (its values are JSON strings). */
    private static final String FOLLOW_UP_OPEN = "\"pulseloop_followup_open\":\"true\"";

    private static WholePlatform platform;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void startPlatform() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PULSELOOP_FOLLOWUP_DUE_OVERRIDE", "PT4S");
        // seconds instead of minutes once the dependency is back (crm-sync-service, survey-service and
        // closed-loop-service READMEs, "Configuration"): the durable backoffs, and the breakers' wait when open
        settings.put("PULSELOOP_CRM_WRITEBACK_REDELIVERYINITIAL", "1s");
        settings.put("PULSELOOP_CRM_WRITEBACK_REDELIVERYMAX", "5s");
        settings.put("PULSELOOP_SURVEY_SCHEDULING_RETRYBACKOFF", "PT2S");
        settings.put("PULSELOOP_SURVEY_SCHEDULING_MAXRETRYBACKOFF", "PT5S");
        settings.put("PULSELOOP_ALERTS_FIRSTRETRY", "PT1S");
        settings.put("PULSELOOP_ALERTS_MAXRETRY", "PT5S");
        settings.put("SPRING_APPLICATION_JSON", "{\"resilience4j.circuitbreaker.instances.crm."
                + "wait-duration-in-open-state\":\"5s\",\"resilience4j.circuitbreaker.instances.smtp."
                + "wait-duration-in-open-state\":\"5s\"}");
        platform = WholePlatform.startGated("faults-dependencies", settings);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * The CRM down from the first follow-up the CRM accepted open until every task is resolved (and at least
     * {@link #DOWN}): first it answers {@code 503} until crm-sync's circuit breaker opens, then nothing listens on its
     * port; then it is back. Every contact's card must reach its last state — the score, and for a low one the
     * follow-up closed and marketing resumed — with no state flipping back, nothing written that no input caused.
     */
    @Test
    @Order(1)
    void theCrmDownForALongStretchThenBackGetsEveryContactsLastState() throws Exception {
        String name = "crm-down-" + run;
        FaultFlow flow = new FaultFlow(platform, name, 16).crmCoalesces();
        String prefix = CONTACTS + name + "-c";
        Map<String, Double> before = Prometheus.scrape(platform.crmSync);
        CompletableFuture<Void> resolved = new CompletableFuture<>();
        AtomicInteger acceptedBefore = new AtomicInteger();
        AtomicBoolean breakerOpened = new AtomicBoolean();
        ExecutorService chaos = Executors.newSingleThreadExecutor();
        try {
            flow.publishCrmEvents();
            Future<String> outage = chaos.submit(() -> {
                // once the first follow-up reached the CRM open: the other tasks open and every one closes while it
                // is away, so the cards show both ways to the last state (true then false, or false alone)
                await("the first follow-up of the run open in the CRM").atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(50)).until(() -> platform.crm.server().getAllServeEvents()
                                .stream().anyMatch(event -> event.getRequest().getUrl().startsWith(prefix)
                                        && event.getResponse() != null && event.getResponse().getStatus() / 100 == 2
                                        && event.getRequest().getBodyAsString().contains(FOLLOW_UP_OPEN)));
                StubMapping unavailable = platform.crm.server().stubFor(patch(urlPathMatching(CONTACTS + ".+"))
                        .atPriority(1).willReturn(aResponse().withStatus(503).withHeader("Content-Type",
                                "application/json").withBody("{\"message\":\"down for maintenance\"}")));
                Instant down = Instant.now();
                acceptedBefore.set(accepted(prefix));
                await("crm-sync's circuit breaker open").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                        .until(() -> Prometheus.sum(Prometheus.scrape(platform.crmSync),
                                "resilience4j_circuitbreaker_state", "name=\"crm\"", "state=\"open\"") >= 1.0);
                breakerOpened.set(true);
                long openAfter = Duration.between(down, Instant.now()).toSeconds();
                // the rest of the outage: nothing listens on the CRM's port
                platform.crmGate.shut();
                resolved.get(15, TimeUnit.MINUTES);
                Duration left = DOWN.minus(Duration.between(down, Instant.now()));
                Duration tail = left.compareTo(Duration.ofSeconds(10)) > 0 ? left : Duration.ofSeconds(10);
                // the resolutions reach crm-sync's outbox while the CRM is still away
                await("the rest of the outage").pollDelay(tail).atMost(tail.plusSeconds(5)).until(() -> true);
                platform.crm.server().removeStub(unavailable);
                platform.crmGate.open();
                return "down after " + acceptedBefore.get() + " accepted write-backs, 503 until the breaker opened ("
                        + openAfter + " s), then connection refused; back after "
                        + Duration.between(down, Instant.now()).toSeconds() + " s";
            });
            flow.afterResolving(() -> {
                resolved.complete(null);
                return outage.get(15, TimeUnit.MINUTES);
            });
            Ledger ledger = flow.complete();
            String what = outage.get();
            Map<String, Double> after = Prometheus.scrape(platform.crmSync);
            int refused = (int) platform.crm.server().getAllServeEvents().stream()
                    .filter(event -> event.getRequest().getUrl().startsWith(prefix) && event.getResponse() != null
                            && event.getResponse().getStatus() == 503).count();
            Map<String, Long> deliveries = Prometheus.delta(before, after,
                    "pulseloop_crmsync_writeback_deliveries_total");
            long openedSeen = flow.contacts().stream().filter(flow::low).filter(contact -> platform.crm.server()
                    .getAllServeEvents().stream().anyMatch(event -> event.getRequest().getUrl().equals(CONTACTS
                            + contact) && event.getResponse() != null && event.getResponse().getStatus() / 100 == 2
                            && event.getRequest().getBodyAsString().contains(FOLLOW_UP_OPEN)))
                    .count();
            String title = "The CRM down for a long stretch, then back (" + what + "; " + refused
                    + " PATCHes answered 503; crm-sync deliveries " + deliveries + "; " + openedSeen + " of "
                    + flow.contacts().stream().filter(flow::low).count() + " low cards saw the follow-up open before "
                    + "it closed, the others only their last state)";
            report(title, ledger);
            assertThat(breakerOpened).as("crm-sync's circuit breaker opened").isTrue();
            assertThat(Prometheus.sumDelta(before, after, "pulseloop_crmsync_writeback_deliveries_total",
                    "outcome=\"circuit-open\"")).as("deliveries held back by the open breaker").isPositive();
            assertThat(refused).as("write-backs the CRM refused").isPositive();
            assertThat(Prometheus.sum(after, "resilience4j_circuitbreaker_state", "name=\"crm\"",
                    "state=\"closed\"")).as("the breaker closed again").isEqualTo(1.0);
            assertThat(ledger.failures()).as(ledger.table(title)).isEmpty();
        } finally {
            chaos.shutdownNow();
            // the CRM back for the next test, also when this one failed half-way
            platform.crm.server().getStubMappings().stream()
                    .filter(stub -> stub.getPriority() != null && stub.getPriority() == 1).toList()
                    .forEach(platform.crm.server()::removeStub);
            platform.crmGate.open();
        }
    }

    /**
     * SMTP away twice: nothing listens on the relay's port while the invitations are due, then again from before
     * the first answer until every task is escalated (each time at least {@link #SMTP_DOWN}), so every alert email
     * to the assignee and every escalation email to the manager is due while it is away. Every email must arrive
     * exactly once, late, and the customers open the links of the late invitations and answer.
     */
    @Test
    @Order(2)
    void smtpDownWhileInvitationsAndAlertsAreDueThenBackSendsEachEmailOnce() throws Exception {
        String name = "smtp-down-" + run;
        FaultFlow flow = new FaultFlow(platform, name, 16);
        Map<String, Double> surveyBefore = Prometheus.scrape(platform.survey);
        Map<String, Double> closedLoopBefore = Prometheus.scrape(platform.closedLoop);
        List<String> outages = new CopyOnWriteArrayList<>();
        AtomicInteger pagesOpened = new AtomicInteger();
        try {
            platform.smtpGate.shut();
            Instant down = Instant.now();
            flow.publishCrmEvents();
            await("survey-service failing to send the invitations").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500)).until(() -> Prometheus.sumDelta(surveyBefore,
                            Prometheus.scrape(platform.survey), "pulseloop_survey_emails_failed_total") > 0);
            holdUntil(down.plus(SMTP_DOWN));
            int early = emailsOf(name);
            double failed = Prometheus.sumDelta(surveyBefore, Prometheus.scrape(platform.survey),
                    "pulseloop_survey_emails_failed_total");
            platform.smtpGate.open();
            outages.add("invitations: down " + Duration.between(down, Instant.now()).toSeconds() + " s, "
                    + (long) failed + " failed sends, " + early + " emails before it was back");
            assertThat(early).as("invitation emails while the relay was away").isZero();

            Instant[] alertsDown = new Instant[1];
            int[] invitationsBeforeAlerts = new int[1];
            flow.beforeAnswering(() -> {
                // the customers open the late links (the survey page) before answering through the API
                for (String contact : flow.contacts()) {
                    for (Email email : platform.smtp.receivedMessages().stream().map(Email::of)
                            .filter(email -> email.to().contains(contact + "@")).toList()) {
                        HttpResponse<String> page = PlatformDriver.request("GET", email.surveyLink(), null, null,
                                null);
                        if (page.statusCode() == 200) {
                            pagesOpened.incrementAndGet();
                        }
                    }
                }
                invitationsBeforeAlerts[0] = emailsOf(name);
                platform.smtpGate.shut();
                alertsDown[0] = Instant.now();
                return null;
            });
            flow.beforeResolving(() -> {
                await("closed-loop-service failing to send the alert emails").atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500)).until(() -> Prometheus.sumDelta(closedLoopBefore,
                                Prometheus.scrape(platform.closedLoop), "pulseloop_closed_loop_alerts_total",
                                "channel=\"email\"", "outcome=\"retried\"") > 0);
                holdUntil(alertsDown[0].plus(SMTP_DOWN));
                int alerts = emailsOf(name) - invitationsBeforeAlerts[0];
                double retried = Prometheus.sumDelta(closedLoopBefore, Prometheus.scrape(platform.closedLoop),
                        "pulseloop_closed_loop_alerts_total", "channel=\"email\"", "outcome=\"retried\"");
                platform.smtpGate.open();
                outages.add("alerts: down " + Duration.between(alertsDown[0], Instant.now()).toSeconds() + " s, "
                        + (long) retried + " failed sends, " + alerts + " alert emails before it was back");
                assertThat(alerts).as("alert emails while the relay was away").isZero();
                return null;
            });
            Ledger ledger = flow.complete();
            ledger.aggregate("survey pages of the late invitation links opened (200)", flow.contacts().size(),
                    pagesOpened.get());
            String title = "SMTP down while invitations and alert emails are due, then back (" + String.join("; ",
                    outages) + ")";
            report(title, ledger);
            assertThat(outages).hasSize(2);
            assertThat(ledger.failures()).as(ledger.table(title)).isEmpty();
        } finally {
            platform.smtpGate.open();
        }
    }

    /** Emails to this run's owner, manager and contacts (every address of the run starts with its name). */
    private static int emailsOf(String name) {
        return (int) platform.smtp.receivedMessages().stream().map(Email::of)
                .filter(email -> email.to().contains(name + "-")).count();
    }

    /** The accepted (2xx) write-backs whose path starts with the prefix. */
    private static int accepted(String prefix) {
        return (int) platform.crm.server().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith(prefix) && event.getResponse() != null
                        && event.getResponse().getStatus() / 100 == 2).count();
    }

    private static void holdUntil(Instant end) {
        Duration left = Duration.between(Instant.now(), end);
        if (!left.isNegative() && !left.isZero()) {
            await("the outage").pollDelay(left).atMost(left.plusSeconds(5)).until(() -> true);
        }
    }

    private static void report(String title, Ledger ledger) {
        LOG.info("\n{}", ledger.table(title));
        ledger.write(title);
    }
}
