package io.pulseloop.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * HTTP load at a fixed offered rate. Open loop: request {@code i} is due at {@code start + i / rate} whatever
 * happened to earlier ones, and its latency counts from when it was due, so a stalled server shows as latency
 * instead of a quietly lower load (no coordinated omission). A request without an answer after 10 s is a timeout.
 */
final class OpenLoopLoad {

    record Result(int offeredRate, int sent, Map<Integer, Integer> statuses, int timeouts, double okPerSecond,
            double p50Millis, double p99Millis, double p99OkMillis, double p50RejectMillis) {

        int ok() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300)
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    private final HttpClient http;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);

    OpenLoopLoad() {
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Offers {@code rate} POSTs per second for {@code seconds}; {@code body.apply(i)} is the JSON of request i. Each
     * request comes from a client address of its own, as a reverse proxy reports it ({@code X-Forwarded-For}, which
     * the services trust from loopback in the benchmark only): customers answer from many addresses, and from one the
     * intake's per-address limit would answer {@code 429} to all but 300 a minute — a measure of the limiter, not of
     * the intake.
     */
    Result run(String url, String authorization, int rate, int seconds, IntFunction<String> body)
            throws InterruptedException {
        int count = rate * seconds;
        long[] latencies = new long[count];
        int[] statusOf = new int[count];
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger timeouts = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * (1_000_000_000.0 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", clientAddress(i))
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(i)));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            int index = i;
            all[i] = http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        latencies[index] = System.nanoTime() - due;
                        if (error != null) {
                            timeouts.incrementAndGet();
                            statusOf[index] = -1;
                        } else {
                            statusOf[index] = response.statusCode();
                            statuses.merge(response.statusCode(), 1, Integer::sum);
                        }
                        return null;
                    });
        }
        CompletableFuture.allOf(all).join();
        long end = System.nanoTime();
        long[] everything = Stats.sorted(latencies);
        long[] ok = java.util.stream.IntStream.range(0, count).filter(i -> statusOf[i] >= 200 && statusOf[i] < 300)
                .mapToLong(i -> latencies[i]).sorted().toArray();
        long[] rejected = java.util.stream.IntStream.range(0, count).filter(i -> statusOf[i] == 503)
                .mapToLong(i -> latencies[i]).sorted().toArray();
        double elapsedSeconds = (end - start) / 1e9;
        Result result = new Result(rate, count, new TreeMap<>(statuses), timeouts.get(), 0,
                Stats.percentile(everything, 50) / 1e6, Stats.percentile(everything, 99) / 1e6,
                Stats.percentile(ok, 99) / 1e6, Stats.percentile(rejected, 50) / 1e6);
        return new Result(rate, count, result.statuses(), result.timeouts(), result.ok() / elapsedSeconds,
                result.p50Millis(), result.p99Millis(), result.p99OkMillis(), result.p50RejectMillis());
    }

    void shutdown() {
        executor.shutdownNow();
    }

    /**
     * An address of 198.18.0.0/15, the range RFC 2544 sets aside for benchmarks, for request {@code i}: 131,072 of
     * them in turn. Not a private range, which Tomcat's {@code RemoteIpValve} would take for another proxy.
     */
    static String clientAddress(int i) {
        int j = Math.floorMod(i, 1 << 17);
        return "198." + (18 + (j >>> 16)) + "." + ((j >>> 8) & 255) + "." + (j & 255);
    }
}
