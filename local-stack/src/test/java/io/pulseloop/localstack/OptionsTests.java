package io.pulseloop.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, the project found from the jar's own location, and the port check of a second start. */
class OptionsTests {

    @TempDir
    Path project;

    @Test
    void defaultsToTheDataDirectoryInTheProjectFoundFromTheJar() throws IOException {
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path jar = project.resolve("local-stack/target/local-stack.jar");

        Options options = Options.parse(List.of(), Map.of(), Options.ownLocation(jar.toString()));

        assertThat(options.projectDir()).isEqualTo(project.toAbsolutePath());
        assertThat(options.dataDir()).isEqualTo(project.resolve(".pulseloop-data").toAbsolutePath());
        assertThat(options.demo()).isFalse();
        assertThat(options.infraOnly()).isFalse();
        assertThat(options.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(options.externalCrmBaseUrl()).isEmpty();
    }

    @Test
    void mongoDbKeepsItsDataOnDiskUnlessToldToKeepItInMemory() {
        assertThat(Options.parse(List.of(), Map.of(), Optional.empty()).inMemory()).isFalse();
        assertThat(Options.parse(List.of("--infra-only", "--in-memory"), Map.of(), Optional.empty()).inMemory())
                .isTrue();
    }

    @Test
    void infrastructureOnlyLeavesTheServicePortsFree() {
        Options options = Options.parse(List.of("--infra-only"), Map.of(), Optional.empty());

        assertThat(options.infraOnly()).isTrue();
        assertThat(PortGuard.portsOf(options)).containsKeys(9092, 27017, 1025, 8025, 8090)
                .doesNotContainKeys(8081, 8082, 8083, 8084, 8085);
    }

    @Test
    void readsOptionsAndTheirEnvironmentVariables() {
        Options options = Options.parse(List.of("--demo", "--data-dir", "/tmp/x", "--ready-timeout=60",
                "--project-dir=/srv/pulseloop"), Map.of("PULSELOOP_CRM_BASE_URL", "https://api.hubapi.com"),
                Optional.empty());

        assertThat(options.demo()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.projectDir()).isEqualTo(Path.of("/srv/pulseloop"));
        assertThat(options.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.externalCrmBaseUrl()).hasValue("https://api.hubapi.com");
        assertThat(Options.parse(List.of(), Map.of("PULSELOOP_DATA_DIR", "/var/pl"), Optional.empty()).dataDir())
                .isEqualTo(Path.of("/var/pl"));
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--dmeo"), Map.of(),
                Optional.empty())).withMessage("unknown option --dmeo");
        assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(List.of("--data-dir"), Map.of(),
                Optional.empty())).withMessage("--data-dir needs a value");
    }

    @Test
    void namesTheFirstPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("localhost", 0));
            Map<Integer, String> ports = new LinkedHashMap<>();
            ports.put(taken.getLocalPort(), "Kafka");

            assertThat(PortGuard.firstTaken(ports)).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("Port " + taken.getLocalPort() + " (Kafka) is already in use"));
        }
    }

    @Test
    void leavesTheCrmPortAloneWhenARealCrmIsConfigured() {
        Options options = Options.parse(List.of(), Map.of("PULSELOOP_CRM_BASE_URL", "https://crm.example"),
                Optional.empty());

        assertThat(PortGuard.portsOf(options)).doesNotContainKey(8090).containsKeys(9092, 27017, 1025, 8025, 8081,
                8085);
    }
}
