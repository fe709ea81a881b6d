package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.testsupport.http.HttpTestPeer;
import io.pulseloop.testsupport.infrastructure.Infrastructure;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.mail.SmtpTestServer;
import io.pulseloop.testsupport.security.JwtTestTokens;

/**
 * All five services as separate JVMs in the production profile (no {@code local}): staff authenticate with real
 * JWTs from a test OpenID issuer, the CRM is WireMock, the alert endpoint another WireMock, the SMTP relay GreenMail.
 * Configured only through environment variables (contract §1, §6.1, §7), plus the two settings that make a scenario
 * take seconds instead of a day: every trigger delay 1 s and no quiet hours.
 *
 * <p>Runs in its own Surefire execution (its own JVM, so its own broker and MongoDB server): the front-half
 * platform of {@link RunningPlatform} uses the same consumer groups and databases in the {@code local} profile.
 */
final class WholePlatform implements AutoCloseable {

    static final String ALERT_SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    /** The key-encryption key of contacts' personal data in events (docs/privacy.md): random per run. */
    static final String PII_KEK = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    private static WholePlatform shared;
    private static final Logger LOG = LoggerFactory.getLogger(WholePlatform.class);

    final Infrastructure infrastructure;
    final KafkaTestClient kafka;
    final SmtpTestServer smtp;
    final HttpTestPeer crm;
    final HttpTestPeer alerts;
    final JwtTestTokens tokens;
    final ServiceProcess crmSync;
    final ServiceProcess survey;
    final ServiceProcess response;
    final ServiceProcess closedLoop;
    final ServiceProcess analytics;
    /** Between the services and GreenMail / the CRM's WireMock when started {@link #startGated gated}, else null. */
    final TcpGate smtpGate;
    final TcpGate crmGate;
    private final Launch launch;
    private final List<ServiceProcess> extra = new CopyOnWriteArrayList<>();
    private final Map<String, ServiceProcess> restarted = new ConcurrentHashMap<>();

    private WholePlatform(Infrastructure infrastructure, SmtpTestServer smtp, HttpTestPeer crm, HttpTestPeer alerts,
            JwtTestTokens tokens, Map<String, ServiceProcess> services, Launch launch, TcpGate smtpGate,
            TcpGate crmGate) {
        this.infrastructure = infrastructure;
        // the services' broker: the shared one, or the one the settings name (a broker in its own process)
        this.kafka = KafkaTestClient.connect(launch.environment().get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
        this.smtp = smtp;
        this.crm = crm;
        this.alerts = alerts;
        this.tokens = tokens;
        this.crmSync = services.get("crm-sync-service");
        this.survey = services.get("survey-service");
        this.response = services.get("response-service");
        this.closedLoop = services.get("closed-loop-service");
        this.analytics = services.get("analytics-service");
        this.launch = launch;
        this.smtpGate = smtpGate;
        this.crmGate = crmGate;
    }

    /** How the services were started: started again the same way (a replica, a restart after a kill). */
    private record Launch(Path project, Path logs, Map<String, String> environment) {
    }

    static WholePlatform start() throws IOException {
        return start("whole-flow", Map.of());
    }

    /**
     * As {@link #start()}, with the logs under {@code target/system-tests/<name>} and further environment variables
     * for every service (e.g. a short {@code PULSELOOP_FOLLOWUP_DUE_OVERRIDE}).
     */
    static WholePlatform start(String name, Map<String, String> settings) throws IOException {
        return start(name, settings, false);
    }

    /**
     * As {@link #start(String, Map)}, with the services reaching the SMTP relay and the CRM through a {@link TcpGate}
     * each ({@link #smtpGate}, {@link #crmGate}), which a test shuts to take them away and opens to bring them back.
     */
    static WholePlatform startGated(String name, Map<String, String> settings) throws IOException {
        return start(name, settings, true);
    }

    private static WholePlatform start(String name, Map<String, String> settings, boolean gated) throws IOException {
        Infrastructure infrastructure = SharedInfrastructure.get();
        SmtpTestServer smtp = SmtpTestServer.start();
        HttpTestPeer crm = HttpTestPeer.start();
        crm.server().stubFor(patch(urlPathMatching("/crm/v3/objects/contacts/.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"properties\":{}}")));
        HttpTestPeer alerts = HttpTestPeer.start();
        alerts.server().stubFor(post(urlPathEqualTo("/alerts")).willReturn(aResponse().withStatus(200)));
        JwtTestTokens tokens = JwtTestTokens.shared();

        Path project = Path.of(System.getProperty("pulseloop.project.dir", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"))
                .resolve(name);
        Map<String, Integer> ports = new HashMap<>();
        for (String module : List.of("crm-sync-service", "survey-service", "response-service",
                "closed-loop-service", "analytics-service")) {
            ports.put(module, ServiceProcess.freePort());
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        environment.put("SPRING_MONGODB_URI", infrastructure.mongoConnectionString());
        environment.put("SPRING_MAIL_HOST", smtp.host());
        environment.put("SPRING_MAIL_PORT", String.valueOf(smtp.port()));
        environment.put("PULSELOOP_CRM_BASE_URL", crm.baseUrl());
        environment.put("PULSELOOP_CRM_TOKEN", RunningPlatform.CRM_TOKEN);
        environment.put("PULSELOOP_CRM_WEBHOOK_SECRET", RunningPlatform.WEBHOOK_SECRET);
        environment.put("PULSELOOP_PUBLIC_BASE_URL", "http://localhost:" + ports.get("response-service"));
        environment.put("PULSELOOP_INBOX_BASE_URL", "http://localhost:" + ports.get("closed-loop-service"));
        environment.put("PULSELOOP_JWT_ISSUER_URI", tokens.issuerUri());
        environment.put("PULSELOOP_ALERTS_WEBHOOK_URL", alerts.baseUrl() + "/alerts");
        environment.put("PULSELOOP_ALERTS_WEBHOOK_SECRET", ALERT_SECRET);
        environment.put("PULSELOOP_PII_KEK", PII_KEK);
        // a scenario takes seconds: every trigger delay 1 s, no quiet hours (both plain settings, not the local profile)
        environment.put("PULSELOOP_SURVEY_DELAY_OVERRIDE", RunningPlatform.DELAY_OVERRIDE);
        environment.put("PULSELOOP_SURVEY_QUIET_HOURS_ENABLED", "false");
        TcpGate smtpGate = gated ? TcpGate.to("smtp", smtp.port()) : null;
        TcpGate crmGate = gated ? TcpGate.to("crm", crm.port()) : null;
        if (gated) {
            environment.put("SPRING_MAIL_HOST", "127.0.0.1");
            environment.put("SPRING_MAIL_PORT", String.valueOf(smtpGate.port()));
            environment.put("PULSELOOP_CRM_BASE_URL", "http://127.0.0.1:" + crmGate.port());
        }
        environment.putAll(settings);

        long started = System.nanoTime();
        Map<String, ServiceProcess> services = new HashMap<>();
        try {
            for (Map.Entry<String, Integer> module : ports.entrySet()) {
                services.put(module.getKey(), ServiceProcess.start(project, module.getKey(), module.getValue(),
                        environment, logs, ServiceProcess.PRODUCTION_PROFILE));
            }
            for (ServiceProcess process : services.values()) {
                process.awaitReady(Duration.ofSeconds(240));
                awaitStaffAuthentication(process, tokens);
            }
        } catch (RuntimeException | IOException e) {
            services.values().forEach(ServiceProcess::close);
            smtp.close();
            crm.close();
            alerts.close();
            if (gated) {
                smtpGate.close();
                crmGate.close();
            }
            throw e;
        }
        LOG.info("the five services ready in {} ms (production profile, JWT issuer {}); logs in {}",
                (System.nanoTime() - started) / 1_000_000, tokens.issuerUri(), logs.toAbsolutePath());
        return new WholePlatform(infrastructure, smtp, crm, alerts, tokens, services,
                new Launch(project, logs, Map.copyOf(environment)), smtpGate, crmGate);
    }

    /**
     * One platform for every whole-flow test class of this JVM (they run in one Surefire execution); stopped at exit.
     * Two platforms at once would share the broker, the databases and the consumer groups, and serve each other's
     * events. Its global fatigue window is 1 s, so that a test can survey one contact twice (contract §3's window is
     * configuration); every test uses its own contacts.
     */
    static synchronized WholePlatform shared() throws IOException {
        if (shared == null) {
            shared = start("whole-flow", Map.of("PULSELOOP_SURVEY_FATIGUEWINDOW", "PT1S"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "whole-platform-stop"));
        }
        return shared;
    }

    /** The project directory the service jars come from. */
    Path project() {
        return launch.project();
    }

    /** Where the services' logs go. */
    Path logs() {
        return launch.logs();
    }

    /** The environment every service was started with, for another process of the same platform. */
    Map<String, String> environment() {
        return launch.environment();
    }

    /**
     * Starts one more process of each module with the same environment (same consumer groups, same database) on
     * another port, all at once, then waits until each is ready and accepts staff JWTs; closed with the platform.
     * Their logs are {@code <logs>/<instance>/<module>.log}.
     */
    List<ServiceProcess> startOthers(List<String> modules, String instance) throws IOException {
        List<ServiceProcess> processes = new ArrayList<>();
        for (String module : modules) {
            ServiceProcess process = ServiceProcess.start(launch.project(), module, ServiceProcess.freePort(),
                    launch.environment(), launch.logs().resolve(instance), ServiceProcess.PRODUCTION_PROFILE);
            extra.add(process);
            processes.add(process);
        }
        for (ServiceProcess process : processes) {
            process.awaitReady(Duration.ofSeconds(240));
            awaitStaffAuthentication(process, tokens);
        }
        return processes;
    }

    /**
     * SIGKILLs the module's current process (no shutdown hook, no graceful shutdown: a crash, the OOM killer) and
     * starts it again on the same port with the same environment; waits until it is ready and accepts staff JWTs.
     * Its log is {@code <logs>/<instance>/<module>.log}.
     */
    ServiceProcess killAndRestart(String module, String instance) throws IOException {
        ServiceProcess current = restarted.getOrDefault(module, services().get(module));
        current.kill();
        ServiceProcess process = ServiceProcess.start(launch.project(), module, current.port(), launch.environment(),
                launch.logs().resolve(instance), ServiceProcess.PRODUCTION_PROFILE);
        extra.add(process);
        restarted.put(module, process);
        process.awaitReady(Duration.ofSeconds(240));
        awaitStaffAuthentication(process, tokens);
        return process;
    }

    /** The five services by module name: those of {@link #start}, or their restarts. */
    Map<String, ServiceProcess> services() {
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        services.put("crm-sync-service", crmSync);
        services.put("survey-service", survey);
        services.put("response-service", response);
        services.put("closed-loop-service", closedLoop);
        services.put("analytics-service", analytics);
        services.putAll(restarted);
        return services;
    }

    /**
     * Waits until the service decodes a staff JWT: it fetches the issuer's discovery document and keys on the first
     * authenticated request, which a loaded machine may answer only after a retry.
     */
    private static void awaitStaffAuthentication(ServiceProcess process, JwtTestTokens tokens) {
        HttpClient http = HttpClient.newHttpClient();
        await("staff JWTs accepted by " + process.baseUrl()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> http.send(
                        HttpRequest.newBuilder(process.uri("/api/v1/no-such-resource"))
                                .header("Authorization", tokens.bearer("warm-up", "ADMIN")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 404);
    }

    @Override
    public synchronized void close() {
        extra.forEach(ServiceProcess::close);
        for (ServiceProcess process : List.of(analytics, closedLoop, response, survey, crmSync)) {
            process.close();
        }
        kafka.close();
        if (smtpGate != null) {
            smtpGate.close();
            crmGate.close();
        }
        smtp.close();
        crm.close();
        alerts.close();
    }
}
