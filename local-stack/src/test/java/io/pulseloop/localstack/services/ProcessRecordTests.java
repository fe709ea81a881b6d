package io.pulseloop.localstack.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services left behind by a launcher killed hard are stopped by the next start; a living launcher's are not. */
class ProcessRecordTests {

    @TempDir
    Path directory;

    private Process service;

    @AfterEach
    void kill() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void leavesTheServicesOfALivingLauncherAlone() throws Exception {
        service = new ProcessBuilder("sleep", "60").start();
        ProcessRecord record = new ProcessRecord(directory.resolve("processes"));
        record.write(List.of(service.toHandle()));

        assertThat(record.stopOrphans()).isZero();
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void stopsTheServicesOfALauncherThatIsGone() throws Exception {
        service = new ProcessBuilder("sleep", "60").start();
        ProcessRecord record = new ProcessRecord(directory.resolve("processes"));
        record.write(List.of(service.toHandle()));
        List<String> lines = Files.readAllLines(directory.resolve("processes"), StandardCharsets.UTF_8);
        // the launcher's line now names a process that no longer runs (same id, another start time)
        Files.write(directory.resolve("processes"), List.of(lines.get(0).split(" ")[0] + " 1970-01-01T00:00:00Z",
                lines.get(1)), StandardCharsets.UTF_8);

        assertThat(record.stopOrphans()).isEqualTo(1);
        assertThat(service.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .isTrue();
        assertThat(directory.resolve("processes")).doesNotExist();
    }
}
