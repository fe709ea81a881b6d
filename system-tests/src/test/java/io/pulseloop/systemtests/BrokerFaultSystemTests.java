package io.pulseloop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * Issue 15, faults: the broker, in its own process ({@link BrokerProcess}), stopped under load — cleanly (SIGTERM)
 * and with SIGKILL — for a while and started again, while the five services ({@link WholePlatform}, production
 * profile) carry the flow of {@link FaultFlow}: nothing lost, nothing twice (invitation emails: at most the SMTP
 * connections in flight), order kept per contact. Slow (its own platform): only with {@code -Pfaults}.
 */
@EnabledIfSystemProperty(named = "pulseloop.faults.all", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFaultSystemTests {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerFaultSystemTests.class);
    private static final Duration DOWN = Duration.ofSeconds(20);
    private static final int SURVEY_SMTP_CONNECTIONS = 8;

    private static BrokerProcess broker;
    private static WholePlatform platform;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void startPlatform() throws Exception {
        Path logs = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"))
                .resolve("faults-broker");
        broker = BrokerProcess.start(logs);
        platform = WholePlatform.start("faults-broker", Map.of("PULSELOOP_FOLLOWUP_DUE_OVERRIDE", "PT4S",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Stopped cleanly once the first invitation emails went out, down for {@link #DOWN}, then started again. */
    @Test
    @Order(1)
    void theBrokerStoppedCleanlyUnderLoadAndRestartedLosesNothing() throws Exception {
        outage("stopped", "broker-stop-" + run, broker::stop);
    }

    /** SIGKILLed once the first invitation emails went out, down for {@link #DOWN}, then started again. */
    @Test
    @Order(2)
    void theBrokerKilledUnderLoadAndRestartedLosesNothing() throws Exception {
        outage("SIGKILLed", "broker-kill-" + run, broker::kill);
    }

    private void outage(String how, String name, Runnable down) throws Exception {
        FaultFlow flow = new FaultFlow(platform, name, 16);
        String prefix = name + "-c";
        ExecutorService chaos = Executors.newSingleThreadExecutor();
        try {
            flow.publishCrmEvents();
            Future<String> outage = chaos.submit(() -> {
                await("the first invitation email").atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(50)).until(() -> platform.smtp.receivedMessages().stream()
                                .map(Email::of).anyMatch(email -> email.to().contains(prefix)));
                int emails = (int) platform.smtp.receivedMessages().stream().map(Email::of)
                        .filter(email -> email.to().contains(prefix)).count();
                Instant stopped = Instant.now();
                down.run();
                // down for a while: services keep taking answers and work, the CRM gets nothing new
                await("the outage").pollDelay(DOWN).atMost(DOWN.plusSeconds(5)).until(() -> true);
                broker.restart();
                return "broker " + how + " after " + emails + " of " + flow.contacts().size()
                        + " invitation emails, back after " + Duration.between(stopped, Instant.now()).toSeconds()
                        + " s";
            });
            flow.beforeCounting(() -> outage.get(10, TimeUnit.MINUTES));
            Ledger ledger = flow.complete();
            String what = outage.get();
            LOG.info("{}", what);
            String title = "The broker " + how + " under load and restarted (" + what + ")";
            LOG.info("\n{}", ledger.table(title));
            ledger.write(title);
            assertThat(ledger.lost()).as(ledger.table(title)).isZero();
            for (Ledger.Row row : ledger.rows()) {
                int bound = row.effect().startsWith("invitation emails") ? SURVEY_SMTP_CONNECTIONS : 0;
                assertThat(row.duplicated()).as(row.effect() + "\n" + ledger.table(title)).isLessThanOrEqualTo(bound);
            }
        } finally {
            chaos.shutdownNow();
        }
    }
}
