package io.pulseloop.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTests {

    @Test
    void attributesTheSamplesOfAPhaseToTheLibraryThatRan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("this-jvm.jfr");
        Instant start;
        Instant end;
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            start = Instant.now();
            burnCpuInThisPackage(Duration.ofMillis(3500)); // jdk.CPULoad is read once a second
            end = Instant.now();
            recording.stop();
            recording.dump(file);
        }

        List<Profiles.Usage> usages = Profiles.read(file, "test", List.of(
                new Profiles.Phase("busy", start, end, 1000, "hash"),
                new Profiles.Phase("before", start.minusSeconds(60), start.minusSeconds(30))));

        Profiles.Usage busy = usages.get(0);
        assertThat(busy.samples()).as("stack samples in the busy phase").isPositive();
        assertThat(busy.byLibrary()).containsKey("io.pulseloop.benchmarks");
        assertThat(busy.byLibrary().values().stream().mapToDouble(Double::doubleValue).sum()).isLessThanOrEqualTo(1.0001);
        assertThat(usages.get(1).samples()).as("nothing outside the phase's window").isZero();
        assertThat(busy.cores()).as("this JVM kept a core busy (less of one on a loaded machine)").isPositive()
                .isLessThan(2.5);
        assertThat(busy.cpuMicrosPerUnit()).as("CPU per hash = cores × seconds / 1000")
                .isCloseTo(busy.cores() * busy.phase().seconds() / 1000 * 1e6, offset(1e-6));
        assertThat(Profiles.render(usages)).contains("**busy**", "| test |", "io.pulseloop.benchmarks",
                "CPU per hash, µs", "**platform**", "hashs/s on");
    }

    @Test
    void groupsAClassByTheFirstThreeSegmentsOfItsPackage() {
        assertThat(Profiles.packageGroup("org.apache.kafka.clients.producer.KafkaProducer"))
                .isEqualTo("org.apache.kafka");
        assertThat(Profiles.packageGroup("io.pulseloop.crmsync.inbound.CrmInboundPipeline"))
                .isEqualTo("io.pulseloop.crmsync");
        assertThat(Profiles.packageGroup("de.Foo")).isEqualTo("de");
    }

    private static void burnCpuInThisPackage(Duration duration) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long deadline = System.nanoTime() + duration.toNanos();
        long counter = 0;
        byte[] last = new byte[32];
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                counter += Long.rotateLeft(counter ^ i, 7) * 31 + last[i & 31];
            }
            last = digest.digest(Long.toString(counter).getBytes());
        }
        assertThat(last).hasSize(32);
    }
}
