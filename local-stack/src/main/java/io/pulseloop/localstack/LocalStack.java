package io.pulseloop.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.localstack.crm.CrmStandIn;
import io.pulseloop.localstack.demo.Demo;
import io.pulseloop.localstack.http.Http;
import io.pulseloop.localstack.kafka.KafkaBroker;
import io.pulseloop.localstack.mail.MailStore;
import io.pulseloop.localstack.mail.MailpitApi;
import io.pulseloop.localstack.mail.SmtpCapture;
import io.pulseloop.localstack.mongo.MongoStore;
import io.pulseloop.localstack.services.ClassDataTraining;
import io.pulseloop.localstack.services.ProcessRecord;
import io.pulseloop.localstack.services.Service;
import io.pulseloop.localstack.services.ServiceFleet;
import io.pulseloop.localstack.services.ServiceProcess;

/**
 * {@code java -jar local-stack/target/local-stack.jar [--demo] [--data-dir DIR]}: starts Kafka (KRaft) on 9092,
 * the MongoDB wire server on 27017, the SMTP capture on 1025 with its Mailpit-compatible API on 8025, the CRM stand-in
 * on 8090 (unless {@code PULSELOOP_CRM_BASE_URL} is set), then the five services with the {@code local} profile; prints
 * the URLs once all are ready and runs until Ctrl-C (or SIGTERM), which stops everything in reverse order.
 */
public final class LocalStack {

    /** A local default so the signed webhook works out of the box; set your own through the environment. */
    static final String DEFAULT_WEBHOOK_SECRET = "local-webhook-secret";
    static final String DEFAULT_CRM_TOKEN = "pat-local-stand-in";

    private final Options options;
    private final Map<String, String> environment;
    private final Logger log = LoggerFactory.getLogger(LocalStack.class);
    /** What has started, to be closed in reverse order. */
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Something started that must be stopped at the end. */
    @FunctionalInterface
    private interface Stoppable {
        void stop() throws Exception;
    }

    private LocalStack(Options options, Map<String, String> environment) {
        this.options = options;
        this.environment = environment;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.setProperty("pulseloop.log.dir", System.getProperty("java.io.tmpdir"));
            LoggerFactory.getLogger(LocalStack.class).info(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv(),
                    Options.ownLocation(System.getProperty("java.class.path")));
        } catch (IllegalArgumentException e) {
            System.setProperty("pulseloop.log.dir", System.getProperty("java.io.tmpdir"));
            LoggerFactory.getLogger(LocalStack.class).error("{}{}{}", e.getMessage(), System.lineSeparator(),
                    Options.USAGE);
            System.exit(2);
            return;
        }
        // before the first logger: Logback writes the infrastructure's own logs under the data directory
        System.setProperty("pulseloop.log.dir", options.dataDir().resolve("logs").toString());
        System.exit(new LocalStack(options, System.getenv()).run());
    }

    /** Runs until stopped; the exit code: 0 after a clean stop, 1 when the stack could not start. */
    int run() {
        ProcessRecord processes = new ProcessRecord(options.dataDir().resolve("processes"));
        try {
            int orphans = processes.stopOrphans();
            if (orphans > 0) {
                log.info("Stopped {} service(s) still running from an earlier start whose launcher was killed.",
                        orphans);
            }
        } catch (IOException e) {
            log.debug("could not read the process record", e);
        }
        Optional<String> taken = PortGuard.firstTaken(PortGuard.portsOf(options));
        if (taken.isPresent()) {
            log.error(taken.get());
            return 1;
        }
        List<String> missing = options.infraOnly() ? List.of() : ServiceFleet.missingJars(options.projectDir());
        if (!missing.isEmpty()) {
            log.error("Not built yet: {} (in {}). Run ./pulseloop, which builds them, or ./mvnw -B -ntp -DskipTests "
                    + "package.", String.join(", ", missing), options.projectDir());
            return 1;
        }
        Thread hook = new Thread(this::stopAll, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long begin = System.nanoTime();
        try {
            startAll(begin, processes);
        } catch (Exception e) {
            if (stopped.getCount() == 0) {
                // Ctrl-C during start-up: the hook has stopped everything already
                return 0;
            }
            log.error("Pulseloop could not start: {}", e.getMessage());
            log.debug("start-up failure", e);
            stopAll();
            return 1;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void startAll(long begin, ProcessRecord processes) throws Exception {
        Path data = options.dataDir();
        Files.createDirectories(data);
        // the data directory keeps itself out of git wherever it is
        Files.writeString(data.resolve(".gitignore"), "*\n", StandardCharsets.UTF_8);
        log.info("Pulseloop local mode: data in {}", data);

        KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"));
        register(kafka::close);
        MongoStore mongo = options.inMemory() ? MongoStore.inMemory() : MongoStore.start(data.resolve("mongo.mv"));
        register(mongo::close);
        MailStore mail = MailStore.open(data.resolve("mail"), Clock.systemUTC());
        SmtpCapture smtp = SmtpCapture.start(SmtpCapture.PORT, mail);
        register(smtp::close);
        Http mailpit = Http.start(MailpitApi.PORT, "mailpit", new MailpitApi(mail));
        register(mailpit::stop);
        String crmBaseUrl = options.externalCrmBaseUrl().orElse("http://localhost:" + CrmStandIn.PORT);
        if (options.externalCrmBaseUrl().isEmpty()) {
            Http crm = Http.start(CrmStandIn.PORT, "crm-stand-in",
                    CrmStandIn.open(data.resolve("crm-stand-in.json"), Clock.systemUTC()));
            register(crm::stop);
        }
        log.info("Infrastructure up in {} s: Kafka, MongoDB, SMTP capture{}; starting the services (logs in {})",
                seconds(begin), options.externalCrmBaseUrl().isEmpty() ? ", CRM stand-in" : "",
                data.resolve("logs"));

        if (options.infraOnly()) {
            log.info("Infrastructure only: Kafka localhost:{}, MongoDB localhost:{}, SMTP localhost:{}, mail API "
                    + "http://localhost:{}{}", KafkaBroker.PORT, MongoStore.PORT, SmtpCapture.PORT, MailpitApi.PORT,
                    options.externalCrmBaseUrl().isEmpty() ? ", CRM stand-in http://localhost:" + CrmStandIn.PORT : "");
            return;
        }
        boolean classDataSharing = !"false".equalsIgnoreCase(environment.get("PULSELOOP_CDS"));
        // deleted after the services stopped: registered first, closed last
        register(processes::delete);
        ServiceFleet fleet = ServiceFleet.start(options.projectDir(), data.resolve("app"),
                serviceEnvironment(crmBaseUrl), Optional.ofNullable(environment.get("PULSELOOP_SERVICE_JAVA_OPTS")),
                classDataSharing, data.resolve("logs"));
        register(fleet::close);
        processes.write(fleet.processes().stream().map(ServiceProcess::handle).toList());
        fleet.awaitReady(options.readyTimeout(),
                service -> log.info("  {} ready ({} s)", service.module(), seconds(begin)));

        if (options.demo()) {
            Demo demo = Demo.start(data.resolve("demo"), mail);
            register(demo::close);
        }
        log.info(banner(seconds(begin), crmBaseUrl));
        if (classDataSharing) {
            Optional<ClassDataTraining> training = fleet.classDataTraining(data.resolve("logs"));
            if (training.isPresent()) {
                register(training.get()::close);
                training.get().startInBackground();
            }
        }
    }

    Map<String, String> serviceEnvironment(String crmBaseUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + KafkaBroker.PORT);
        env.put("SPRING_MONGODB_URI", "mongodb://localhost:" + MongoStore.PORT);
        env.put("SPRING_MAIL_HOST", "localhost");
        env.put("SPRING_MAIL_PORT", String.valueOf(SmtpCapture.PORT));
        env.put("PULSELOOP_PUBLIC_BASE_URL", Service.RESPONSE.baseUrl());
        env.put("PULSELOOP_INBOX_BASE_URL", Service.CLOSED_LOOP.baseUrl());
        env.put("PULSELOOP_CRM_BASE_URL", crmBaseUrl);
        env.put("PULSELOOP_CRM_TOKEN", environment.getOrDefault("PULSELOOP_CRM_TOKEN", DEFAULT_CRM_TOKEN));
        env.put("PULSELOOP_CRM_WEBHOOK_SECRET", webhookSecret());
        // unset: the local profile's fixed development key-encryption key (docs/privacy.md)
        Optional.ofNullable(environment.get("PULSELOOP_PII_KEK")).filter(kek -> !kek.isBlank())
                .ifPresent(kek -> env.put("PULSELOOP_PII_KEK", kek));
        if (options.demo() && !environment.containsKey("PULSELOOP_SURVEY_DELAY_OVERRIDE")) {
            // the demo's invitations go out at once, so answers (and the dashboard) follow within a minute
            env.put("PULSELOOP_SURVEY_DELAY_OVERRIDE", "PT0S");
        }
        return env;
    }

    private String webhookSecret() {
        String secret = environment.get("PULSELOOP_CRM_WEBHOOK_SECRET");
        return secret == null || secret.isBlank() ? DEFAULT_WEBHOOK_SECRET : secret;
    }

    private String banner(String seconds, String crmBaseUrl) {
        String secret = webhookSecret().equals(DEFAULT_WEBHOOK_SECRET) ? DEFAULT_WEBHOOK_SECRET
                : "$PULSELOOP_CRM_WEBHOOK_SECRET";
        StringBuilder banner = new StringBuilder();
        String nl = System.lineSeparator();
        banner.append(nl).append("Pulseloop is ready (").append(seconds).append(" s). Staff pages and APIs: user admin, "
                + "password admin.").append(nl)
                .append("  Dashboard            http://localhost:8085/dashboard").append(nl)
                .append("  Task inbox           http://localhost:8084/inbox").append(nl)
                .append("  Mail inbox           http://localhost:8025").append(nl)
                .append("  CRM stand-in         ").append(options.externalCrmBaseUrl().isPresent()
                        ? "(off: writing back to " + crmBaseUrl + ")" : crmBaseUrl).append(nl);
        for (Service service : Service.values()) {
            banner.append(String.format("  %-20s %s/v3/api-docs%n", service.module(), service.baseUrl()));
        }
        banner.append("  Kafka localhost:9092 · MongoDB mongodb://localhost:27017 · SMTP localhost:1025").append(nl)
                .append("  Data ").append(options.dataDir()).append(" · logs ").append(options.dataDir().resolve("logs"))
                .append(nl).append(nl)
                .append("Try this in bash (a contact over Kafka, a closed ticket over the signed webhook; the survey "
                        + "email appears in the mail inbox about 10 s later):").append(nl)
                .append(tryThis(secret).indent(2))
                .append(options.demo() ? "Demo: a simulated CRM and customers are filling the dashboard and the inbox."
                        + nl : "")
                .append("Ctrl-C stops everything; the next start finds the same data.");
        return banner.toString();
    }

    /** Remembers something started; when the stack is already stopping (Ctrl-C during start-up) stops it at once. */
    private synchronized void register(Stoppable stoppable) throws Exception {
        if (stopped.getCount() == 0) {
            stoppable.stop();
            throw new IllegalStateException("stopped during start-up");
        }
        started.push(stoppable);
    }

    /** The shell lines of {@code try-this.txt} with the webhook secret filled in. */
    static String tryThis(String secret) {
        try (var input = LocalStack.class.getResourceAsStream("/try-this.txt")) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8).replace("${SECRET}", secret);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("try-this.txt missing from the jar", e);
        }
    }

    /** Stops what started, newest first; runs once (from Ctrl-C's hook or after a failed start). */
    private synchronized void stopAll() {
        if (stopped.getCount() == 0) {
            return;
        }
        if (!started.isEmpty()) {
            log.info("Stopping Pulseloop...");
        }
        while (!started.isEmpty()) {
            try {
                started.pop().stop();
            } catch (Exception e) {
                log.warn("While stopping: {}", e.toString());
            }
        }
        stopped.countDown();
        log.info("Pulseloop stopped; data kept in {}", options.dataDir());
    }

    private static String seconds(long begin) {
        return String.format("%.1f", (System.nanoTime() - begin) / 1e9);
    }

    /** How long the stack waits for services; exposed for the banner of tests. */
    Duration readyTimeout() {
        return options.readyTimeout();
    }
}
