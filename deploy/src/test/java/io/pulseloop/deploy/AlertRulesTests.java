package io.pulseloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules do what their names say: {@code promtool test rules deploy/prometheus/alerts-test.yml} feeds
 * series (a dead letter, lag, an open breaker, overdue tasks, a silent target) and checks which alerts fire and which
 * stay quiet, and {@code promtool check config} validates the compose Prometheus configuration. Needs Prometheus'
 * {@code promtool}: on the PATH, or named by the {@code PROMTOOL} environment variable (Debian's {@code prometheus}
 * package has it); skipped with that reason otherwise.
 */
class AlertRulesTests {

    @Test
    void alertsFireOnDeadLettersLagOpenBreakersOverdueTasksAndSilentTargetsAndNotOtherwise() throws Exception {
        Path promtool = promtool();

        Result result = run(promtool.toString(), "test", "rules", "alerts-test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void composePrometheusConfigurationAndRulesAreValid() throws Exception {
        Path promtool = promtool();
        // the compose file mounts alerts.yml at /etc/prometheus; point the copy at the repository's file
        Path config = Files.createTempFile("prometheus", ".yml");
        Files.writeString(config, Repository.read(Repository.file("deploy/prometheus/prometheus.yml"))
                .replace("/etc/prometheus/alerts.yml", Repository.file("deploy/prometheus/alerts.yml").toString()));
        try {
            Result result = run(promtool.toString(), "check", "config", config.toString());

            assertThat(result.exitCode()).as(result.output()).isZero();
        } finally {
            Files.delete(config);
        }
    }

    private static Path promtool() {
        Optional<Path> found = Optional.ofNullable(System.getenv("PROMTOOL")).map(Path::of)
                .or(() -> {
                    String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
                    for (String dir : path.split(File.pathSeparator)) {
                        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool"))) {
                            return Optional.of(Path.of(dir, "promtool"));
                        }
                    }
                    return Optional.empty();
                });
        assumeThat(found).as("promtool is not installed (PATH or PROMTOOL): the alert rules cannot be evaluated")
                .isPresent();
        return found.get();
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(Repository.file("deploy/prometheus").toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish in 60 s: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
