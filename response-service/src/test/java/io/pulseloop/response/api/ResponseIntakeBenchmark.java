package io.pulseloop.response.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;

/**
 * Throughput and latency of {@code POST /api/v1/responses} at a fixed offered load, against the running test
 * server (Tomcat, the shared Kafka broker, the MongoDB wire server, all in this JVM on this machine).
 *
 * <p>Open loop: request {@code i} is due at {@code start + i / rate} whatever happened to earlier ones, and its
 * latency is measured from when it was due, so a stall shows up as latency instead of silently lowering the load
 * (no coordinated omission). Every request answers a different invitation with a score and a comment: one
 * MongoDB insert plus an outbox update, and three Kafka records acknowledged by all in-sync replicas before 201.
 *
 * <p>Not a test: surefire runs it only when asked.
 * <pre>./mvnw -B -ntp -o -pl response-service test -Dtest=ResponseIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbenchmark.rate=2000 -Dbenchmark.seconds=20 -Dbenchmark.warmup-seconds=5]</pre>
 * Figures are logged and written to {@code target/benchmarks/response-intake.md}.
 */
class ResponseIntakeBenchmark extends ResponseServiceIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ResponseIntakeBenchmark.class);

    private final int rate = Integer.getInteger("benchmark.rate", 2000);
    private final int seconds = Integer.getInteger("benchmark.seconds", 20);
    private final int warmupSeconds = Integer.getInteger("benchmark.warmup-seconds", 20);
    private final int warmupRate = Integer.getInteger("benchmark.warmup-rate", 1000);

    @Test
    void measuresJsonIntakeAtAFixedOfferedLoad() throws Exception {
        int warmupCount = warmupRate * warmupSeconds;
        int measuredCount = rate * seconds;
        List<String> tokens = seed(warmupCount + measuredCount);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            log.info("Warm-up: {} requests at {}/s", warmupCount, warmupRate);
            run(client, tokens.subList(0, warmupCount), warmupRate);
            log.info("Measuring: {} requests at {}/s", measuredCount, rate);
            Recording recording = startProfileIfAsked();
            String loadBefore = loadAverage();
            long cpuBefore = processCpuNanos();
            Result result = run(client, tokens.subList(warmupCount, tokens.size()), rate);
            double cpuMillisPerAnswer = (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, result.completed());
            String loadAfter = loadAverage();
            if (recording != null) {
                recording.dump(Path.of(System.getProperty("benchmark.jfr")));
                recording.close();
            }
            String report = report(result, loadBefore, loadAfter, cpuMillisPerAnswer);
            log.info("\n{}", report);
            Path file = Path.of("target", "benchmarks", "response-intake.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
            if (result.completed() < measuredCount) {
                log.warn("Only {} of {} answers were accepted with 201: the offered load is above what this machine"
                        + " sustains right now", result.completed(), measuredCount);
            }
        }
        finally {
            executor.shutdownNow();
        }
    }

    /** With {@code -Dbenchmark.jfr=<file>}, a JFR CPU profile of the measured phase, for finding hot spots. */
    private static Recording startProfileIfAsked() throws Exception {
        if (System.getProperty("benchmark.jfr") == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    /** Invitations straight into the read model: the benchmark measures intake, not invitation consumption. */
    private List<String> seed(int count) {
        Instant started = Instant.now();
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TestInvitations.Sent sent = TestInvitations.nps(i % 3 == 0 ? "cs" : i % 3 == 1 ? "pl" : "en", now());
            invitationDirectory.record(sent.event());
            tokens.add(sent.token());
        }
        log.info("Seeded {} invitations in {}", count, Duration.between(started, Instant.now()));
        return tokens;
    }

    private Result run(HttpClient client, List<String> tokens, int requestsPerSecond) throws Exception {
        int count = tokens.size();
        long[] latencies = new long[count];
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        Map<String, AtomicInteger> causes = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(count);
        URI uri = URI.create("http://localhost:" + port + "/api/v1/responses");
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / requestsPerSecond;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + tokens.get(i) + "\",\"score\":"
                            + (i % 11) + ",\"comment\":\"Benchmark answer number " + i + "\"}"))
                    .build();
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        latencies[index] = System.nanoTime() - due;
                        if (error != null) {
                            failures.incrementAndGet();
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            causes.computeIfAbsent(cause.getClass().getSimpleName(), c -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        else {
                            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        }
                    }));
        }
        long lastSent = System.nanoTime();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((ok, error) -> null)
                .get(2, TimeUnit.MINUTES);
        long end = System.nanoTime();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.get()));
        int completed = byStatus.getOrDefault(201, 0);
        Map<String, Integer> failureCauses = new TreeMap<>();
        causes.forEach((cause, n) -> failureCauses.put(cause, n.get()));
        return new Result(requestsPerSecond, count, completed, failures.get(), failureCauses, byStatus,
                (lastSent - start) / 1e9, (end - start) / 1e9, sorted);
    }

    private String report(Result r, String loadBefore, String loadAfter, double cpuMillisPerAnswer) {
        Runtime runtime = Runtime.getRuntime();
        return String.join("\n",
                "# response-service JSON intake benchmark",
                "",
                "- when: " + Instant.now(),
                "- machine: " + runtime.availableProcessors() + " cores, Java " + System.getProperty("java.version")
                        + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB",
                "- server: Tomcat on a random port; Kafka broker and MongoDB wire server of the test infrastructure"
                        + " in the same JVM; the load generator in the same JVM too",
                "- load average (1, 5, 15 min) before / after the measured phase: " + loadBefore + " / " + loadAfter
                        + " (other builds share the machine when it is above the core count)",
                "- request: POST /api/v1/responses, a new invitation each time, score + comment"
                        + " (ResponseStarted, ScoreRecorded, ResponseCompleted acknowledged with acks=all before 201)",
                "",
                "| figure | value |",
                "|---|---|",
                "| offered load | " + r.rate() + " requests/s (open loop) |",
                "| requests | " + r.count() + " |",
                "| 201 Created | " + r.completed() + " |",
                "| other statuses | " + otherStatuses(r) + " |",
                "| transport failures | " + r.failures() + (r.failures() == 0 ? "" : " " + r.failureCauses()) + " |",
                "| achieved throughput | " + String.format("%.0f", r.completed() / r.totalSeconds())
                        + " responses/s (" + String.format("%.1f", r.totalSeconds()) + " s from first due to last"
                        + " answer; sending took " + String.format("%.1f", r.sendSeconds()) + " s) |",
                "| latency p50 | " + millis(r, 0.50) + " ms |",
                "| latency p90 | " + millis(r, 0.90) + " ms |",
                "| latency p99 | " + millis(r, 0.99) + " ms |",
                "| latency p99.9 | " + millis(r, 0.999) + " ms |",
                "| latency max | " + String.format("%.1f", r.sorted()[r.sorted().length - 1] / 1e6) + " ms |",
                "| CPU per answer | " + String.format("%.2f", cpuMillisPerAnswer) + " ms (whole JVM: client, Tomcat, Kafka"
                        + " broker and MongoDB server included), i.e. about " + String.format("%.0f",
                                Runtime.getRuntime().availableProcessors() * 1000 / cpuMillisPerAnswer)
                        + " answers/s if this JVM had every core to itself |",
                "");
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException unavailable) {
            return "n/a";
        }
    }

    private static String otherStatuses(Result r) {
        Map<Integer, Integer> others = new TreeMap<>(r.statuses());
        others.remove(201);
        return others.isEmpty() ? "none" : others.toString();
    }

    private static String millis(Result r, double quantile) {
        long[] sorted = r.sorted();
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.1f", sorted[Math.max(0, index)] / 1e6);
    }

    private record Result(int rate, int count, int completed, int failures, Map<String, Integer> failureCauses,
            Map<Integer, Integer> statuses,
            double sendSeconds, double totalSeconds, long[] sorted) {
    }
}
