package io.pulseloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's Dockerfile, read as text (no Docker engine here) and checked against the service's module: the
 * jar the build writes, the port of {@code server.port}, the readiness path; and the image rules of issue 14
 * (multi-stage, JRE base, layered jar, non-root, a health check).
 */
class DockerfileTests {

    static Stream<String> services() {
        return Repository.SERVICES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void copiesTheJarTheBuildWritesAndExtractsItsLayers(String name) {
        ServiceModule service = ServiceModule.named(name);
        Dockerfile dockerfile = Dockerfile.of(name);

        assertThat(dockerfile.all("FROM")).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
        assertThat(dockerfile.all("COPY")).as("%s copies %s", name, service.jar())
                .anySatisfy(copy -> assertThat(copy).startsWith(service.jar() + " "));
        assertThat(dockerfile.all("RUN")).anySatisfy(run -> assertThat(run)
                .contains("java -Djarmode=tools -jar").contains("extract --layers --launcher"));
        List<String> layers = dockerfile.finalStage().all("COPY");
        assertThat(layers).as("layers, least-changing first").containsSubsequence(
                "--from=layers /build/extracted/dependencies/ ./",
                "--from=layers /build/extracted/spring-boot-loader/ ./",
                "--from=layers /build/extracted/snapshot-dependencies/ ./",
                "--from=layers /build/extracted/application/ ./");
        assertThat(dockerfile.finalStage().all("ENTRYPOINT"))
                .containsExactly("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void runsOnAJreAsANumericNonRootUser(String name) {
        Dockerfile image = Dockerfile.of(name).finalStage();

        assertThat(image.all("FROM")).containsExactly("eclipse-temurin:17-jre");
        assertThat(image.all("USER")).hasSize(1).first().asString().matches("[1-9][0-9]*:[1-9][0-9]*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void exposesTheServicePortAndChecksReadinessThere(String name) {
        ServiceModule service = ServiceModule.named(name);
        Dockerfile image = Dockerfile.of(name).finalStage();

        assertThat(image.all("EXPOSE")).containsExactly(String.valueOf(service.port()));
        assertThat(image.all("HEALTHCHECK")).singleElement().asString()
                .contains("/dev/tcp/127.0.0.1/" + service.port() + " ")
                .contains("GET /actuator/health/readiness HTTP/1.1")
                .contains("grep -q ' 200 '");
    }
}
