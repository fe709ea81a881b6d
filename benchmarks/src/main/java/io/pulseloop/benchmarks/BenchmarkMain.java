package io.pulseloop.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the platform as users run it and writes the table to {@code docs/benchmarks.md}. See
 * {@code benchmarks/README.md} for the command, the phases and how to read the figures.
 */
public final class BenchmarkMain {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);
    private static final String CONTACTS_TOPIC = "crm.contacts.v1";
    private static final String BASIC_ADMIN = "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final Report report;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BenchmarkMain(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path runDir = options.projectDir().resolve("benchmarks/target/run-" + Instant.now().getEpochSecond());
        Files.createDirectories(runDir);
        Report report = new Report(options, String.join(" ", args));
        log.info("benchmark run in {} (logs of every process under logs/)", runDir);
        try (Platform platform = Platform.start(options, runDir)) {
            // a stopped benchmark (Ctrl-C, SIGTERM) takes its infrastructure and service JVMs with it
            Thread stopChildren = new Thread(platform::close, "benchmark-shutdown");
            Runtime.getRuntime().addShutdownHook(stopChildren);
            new BenchmarkMain(options, report).measure(platform, runDir);
            Runtime.getRuntime().removeShutdownHook(stopChildren);
        }
        if (options.profile()) {
            report.profiles = summariseProfiles(runDir, report.phases);
            Files.writeString(runDir.resolve("profiles.md"), report.profiles);
        }
        String table = report.render();
        log.info("\n{}", table);
        Files.writeString(runDir.resolve("benchmarks.md"), table);
        if (options.writeDocs()) {
            report.writeInto(options.projectDir().resolve("docs/benchmarks.md"));
        }
    }

    private void measure(Platform platform, Path runDir) throws Exception {
        Path benchmarksJar = options.projectDir().resolve("benchmarks/target/benchmarks.jar");
        Instant rawStart = Instant.now();
        for (int run = 1; run <= options.runs(); run++) {
            report.rawBroker.add(RawBroker.recordsPerSecond(benchmarksJar, Platform.BOOTSTRAP, options.rawRecords(),
                    600, runDir.resolve("logs"), run));
            log.info("raw broker run {}: {} records/s", run, report.rawBroker.get(run - 1));
        }
        phaseEnded("raw broker (ProducerPerformance)", rawStart, (long) options.rawRecords() * options.runs(),
                "record");
        try (ConsumerGroups groups = new ConsumerGroups(Platform.BOOTSTRAP)) {
            Instant contactsStart = Instant.now();
            growContacts(groups);
            phaseEnded("growing contacts", contactsStart, options.contacts(), "contact");
            Mailbox mailbox = new Mailbox("http://localhost:8025");
            inboundRounds(groups, mailbox);
            settle(groups);
            answers(mailbox);
        }
        report.rss.putAll(platform.residentMemory());
    }

    private void phaseEnded(String name, Instant start) {
        phaseEnded(name, start, 0, "");
    }

    private void phaseEnded(String name, Instant start, long units, String unit) {
        report.phases.add(new Profiles.Phase(name, start, Instant.now(), units, unit));
    }

    /** Reads every process's flight recording (written when the platform stopped) and renders it per phase. */
    private static String summariseProfiles(Path runDir, List<Profiles.Phase> phases) throws java.io.IOException {
        List<Profiles.Usage> usages = new ArrayList<>();
        for (String process : Platform.processNames()) {
            Path recording = Platform.profileDir(runDir).resolve(process + ".jfr");
            if (Profiles.exists(recording)) {
                usages.addAll(Profiles.read(recording, process, phases));
            } else {
                log.warn("no flight recording of {} at {}", process, recording);
            }
        }
        return Profiles.render(usages);
    }

    /** Contacts arrive in equal batches; the cost per upsert at the first batch against the last shows growth. */
    private void growContacts(ConsumerGroups groups) throws Exception {
        int batch = Math.max(1, options.contacts() / options.steps());
        try (CrmLoad crm = new CrmLoad(Platform.BOOTSTRAP, "grow-" + Instant.now().getEpochSecond())) {
            for (int step = 0; step < options.steps(); step++) {
                long before = groups.endOffset(CONTACTS_TOPIC);
                long start = System.nanoTime();
                for (int i = step * batch; i < (step + 1) * batch; i++) {
                    crm.contact(i, "v1");
                }
                crm.flush();
                long target = before + batch;
                long published = groups.awaitEndOffset(CONTACTS_TOPIC, target, 600);
                Map<String, Double> rates = new LinkedHashMap<>();
                rates.put("crm-sync (canonical out)", batch / ((published - start) / 1e9));
                for (String group : List.of("crm-sync-service", "survey-service", "response-service",
                        "closed-loop-service", "analytics-service")) {
                    if (groups.committed(group, CONTACTS_TOPIC) == 0 && step > 0) {
                        continue; // this service does not read contacts
                    }
                    long done = groups.awaitCommitted(group, CONTACTS_TOPIC, target, 600);
                    if (done > 0) {
                        rates.put(group + " (contacts applied)", batch / ((done - start) / 1e9));
                    }
                }
                report.contactSteps.add(new Report.Step((step + 1) * batch, rates));
                log.info("contacts {}: {}", (step + 1) * batch, rates);
            }
        }
    }

    /**
     * Waits until every service has read everything published so far, so that the answers measure the intake and not
     * an intake competing with the inbound rounds' backlog. Without it, response-service was still reading the
     * invitation events of the rounds: answered links it had not read yet waited for it (read-your-writes), each
     * holding an intake slot, and the intake measured was a fraction of its own.
     */
    private void settle(ConsumerGroups groups) throws Exception {
        Instant start = Instant.now();
        long lag = groups.awaitSettled(List.of("crm-sync-service", "survey-service", "response-service",
                "closed-loop-service", "analytics-service"), 1800);
        report.settleSeconds = Duration.between(start, Instant.now()).toSeconds();
        report.settleLag = lag;
        log.info("every service read everything before the answers after {} s (lag left: {})", report.settleSeconds,
                lag);
        phaseEnded("backlog read before the answers", start);
    }

    /** Rounds of ticket closures through crm-sync; the first round's invitations are emailed (fatigue stops later ones). */
    private void inboundRounds(ConsumerGroups groups, Mailbox mailbox) throws Exception {
        long mailBefore = mailbox.total();
        for (int run = 1; run <= options.runs(); run++) {
            try (CrmLoad crm = new CrmLoad(Platform.BOOTSTRAP, "round-" + run + "-" + Instant.now().getEpochSecond())) {
                long before = groups.endOffset(CONTACTS_TOPIC);
                long start = System.nanoTime();
                Instant roundStart = Instant.now();
                for (int i = 0; i < options.inboundEvents(); i++) {
                    crm.ticketClosed(i % options.contacts(), i);
                }
                crm.flush();
                long target = before + options.inboundEvents();
                long published = groups.awaitEndOffset(CONTACTS_TOPIC, target, 1800);
                report.inbound.add(options.inboundEvents() / ((published - start) / 1e9));
                long applied = groups.awaitCommitted("crm-sync-service", CONTACTS_TOPIC, target, 1800);
                if (applied > 0) {
                    report.registry.add(options.inboundEvents() / ((applied - start) / 1e9));
                }
                long decided = groups.awaitCommitted("survey-service", CONTACTS_TOPIC, target, 1800);
                if (decided > 0) {
                    report.decisions.add(options.inboundEvents() / ((decided - start) / 1e9));
                }
                log.info("inbound round {}: {} events/s through crm-sync", run, report.inbound.get(run - 1));
                phaseEnded("inbound round " + run + (run == 1 ? " (emails start meanwhile)" : " (fatigue: no emails)"),
                        roundStart, options.inboundEvents(), "CRM event");
                if (run == 1) {
                    Instant emailStart = Instant.now();
                    long mailAtStart = mailbox.total();
                    measureEmails(mailbox, mailBefore, start);
                    phaseEnded("the rest of round 1's invitations emailed", emailStart, mailbox.total() - mailAtStart,
                            "email");
                }
            }
        }
    }

    /** Emails captured per second, from the first to the last of the round's invitations. */
    private void measureEmails(Mailbox mailbox, long before, long roundStart) throws Exception {
        long expected = Math.min(options.contacts(), options.inboundEvents());
        long last = before;
        long firstAt = -1;
        long lastChangeAt = System.nanoTime();
        while (last - before < expected && System.nanoTime() - lastChangeAt < TimeUnit.SECONDS.toNanos(60)) {
            long now = mailbox.total();
            if (now != last) {
                if (firstAt < 0) {
                    firstAt = System.nanoTime();
                }
                last = now;
                lastChangeAt = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        long sent = last - before;
        report.emailsSent = sent;
        report.emailsExpected = expected;
        if (firstAt > 0 && sent > 1) {
            // from the capture's own receive times: a small round can be fully emailed before this phase looks
            Instant first = mailbox.receivedAt(sent - 1);
            Instant lastReceived = mailbox.receivedAt(0);
            double seconds = Math.max(Duration.between(first, lastReceived).toNanos(), 1_000_000) / 1e9;
            report.emails = (sent - 1) / seconds;
            report.emailsFromTrigger = sent / ((lastChangeAt - roundStart) / 1e9);
        }
        log.info("emails: {} of {} expected, {} /s", sent, expected, report.emails);
    }

    private void answers(Mailbox mailbox) throws Exception {
        int needed = options.rates().stream().mapToInt(rate -> rate * options.seconds()).sum()
                + options.freshnessSamples() + 300 * 5;
        List<Mailbox.Invitation> invitations = mailbox.invitations(needed);
        if (invitations.isEmpty()) {
            throw new IllegalStateException("no invitation was captured: nothing to answer");
        }
        report.distinctInvitations = invitations.size();
        List<Mailbox.Invitation> forFreshness = invitations.subList(0,
                Math.min(options.freshnessSamples(), invitations.size()));
        List<Mailbox.Invitation> forLoad = invitations.subList(forFreshness.size(), invitations.size());
        Instant freshnessStart = Instant.now();
        freshness(forFreshness);
        phaseEnded("freshness (one answer at a time)", freshnessStart);
        OpenLoopLoad load = new OpenLoopLoad();
        try {
            int[] next = {0};
            String url = "http://localhost:8082/api/v1/responses";
            load.run(url, null, 300, 5, i -> answer(forLoad, next[0]++)); // warm-up, not reported
            for (int run = 1; run <= options.runs(); run++) {
                for (int rate : options.rates()) {
                    Instant rateStart = Instant.now();
                    OpenLoopLoad.Result result = load.run(url, null, rate, options.seconds(),
                            i -> answer(forLoad, next[0]++));
                    if (run == 1) {
                        phaseEnded("answers offered at " + rate + "/s (run 1)", rateStart, result.ok(), "answer");
                    }
                    report.answers.computeIfAbsent(rate, r -> new ArrayList<>()).add(result);
                    log.info("answers at {}/s: {}", rate, result);
                }
            }
            report.answersRevisions = Math.max(0, next[0] - forLoad.size());
        } finally {
            load.shutdown();
        }
    }

    private static String answer(List<Mailbox.Invitation> invitations, int index) {
        Mailbox.Invitation invitation = invitations.get(index % invitations.size());
        int score = 1 + Math.floorMod(invitation.token().hashCode() + index, 5);
        return "{\"token\":\"" + invitation.token() + "\",\"score\":" + score
                + ",\"comment\":\"benchmark answer " + index + "\"}";
    }

    /**
     * One answer at a time (score 1: a LOW_CSAT task), from the intake's answer until closed-loop lists the task
     * and until analytics counts the response: freshness without load, sampled.
     */
    private void freshness(List<Mailbox.Invitation> samples) throws Exception {
        for (Mailbox.Invitation invitation : samples) {
            long analyticsBefore = analyticsResponses();
            HttpResponse<String> answered = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:8082/api/v1/responses"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + invitation.token()
                            + "\",\"score\":1,\"comment\":\"slow and unfriendly\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long answeredAt = System.nanoTime();
            if (answered.statusCode() / 100 != 2) {
                report.freshnessFailures++;
                continue;
            }
            long taskAt = -1;
            long analyticsAt = -1;
            long deadline = answeredAt + TimeUnit.SECONDS.toNanos(30);
            while ((taskAt < 0 || analyticsAt < 0) && System.nanoTime() < deadline) {
                if (taskAt < 0 && tasksOf(invitation.contactId()) > 0) {
                    taskAt = System.nanoTime();
                }
                if (analyticsAt < 0 && analyticsResponses() > analyticsBefore) {
                    analyticsAt = System.nanoTime();
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            if (taskAt > 0) {
                report.scoreToTask.add((taskAt - answeredAt) / 1_000_000L);
            } else {
                report.freshnessFailures++;
            }
            if (analyticsAt > 0) {
                report.scoreToAnalytics.add((analyticsAt - answeredAt) / 1_000_000L);
            } else {
                report.freshnessFailures++;
            }
        }
    }

    private long tasksOf(String contactId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:8084/api/v1/tasks?contactId=" + contactId))
                .header("Authorization", BASIC_ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? JSON.readTree(response.body()).path("page").path("totalElements").asLong() : 0;
    }

    private long analyticsResponses() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:8085/api/v1/analytics/scores?metric=CSAT"))
                .header("Authorization", BASIC_ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? JSON.readTree(response.body()).path("overall").path("responses").asLong() : 0;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
