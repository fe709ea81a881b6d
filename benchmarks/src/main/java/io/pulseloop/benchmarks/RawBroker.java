package io.pulseloop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference: Kafka's own {@code ProducerPerformance} against the same broker, same record size, {@code acks=all},
 * in a JVM of its own (this jar's PropertiesLauncher with {@code -Dloader.main}).
 */
final class RawBroker {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private RawBroker() {
    }

    static double recordsPerSecond(Path benchmarksJar, String bootstrap, int records, int recordSize, Path logDir,
            int run) throws IOException, InterruptedException {
        try (JavaProcess perf = JavaProcess.start("producer-performance-" + run, List.of(
                "-Xmx512m", "-cp", benchmarksJar.toString(),
                "-Dloader.main=org.apache.kafka.tools.ProducerPerformance",
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--topic", "bench.raw.v1", "--num-records", String.valueOf(records),
                "--record-size", String.valueOf(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=5"),
                Map.of(), logDir)) {
            int exit = perf.waitFor(Duration.ofMinutes(5));
            String output = Files.readString(perf.log());
            Matcher last = null;
            Matcher matcher = SUMMARY.matcher(output);
            while (matcher.find()) {
                last = SUMMARY.matcher(matcher.group());
                last.find();
            }
            if (exit != 0 || last == null) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + exit + "); see " + perf.log());
            }
            return Double.parseDouble(last.group(2));
        }
    }
}
