package io.pulseloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one Dockerfile every service's image is built from, read as text (no Docker engine here), with each service's
 * build arguments from docker-compose.yml, and checked against the service's module: the jar the build writes, the
 * port of {@code server.port}, the readiness path; and the image rules of issue 14 (multi-stage, JRE base, layered
 * jar, non-root, a health check).
 */
class DockerfileTests {

    static Stream<String> services() {
        return Repository.SERVICES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void buildsEveryServiceFromTheOneDockerfileNamedByItsModuleAndPort(String name) {
        ServiceModule service = ServiceModule.named(name);

        assertThat(Dockerfile.buildArguments(name)).as("docker-compose.yml build args of %s", name)
                .containsEntry("SERVICE", name).containsEntry("PORT", String.valueOf(service.port()));
        assertThat(Dockerfile.shared().all("ARG")).contains("SERVICE", "PORT");
        assertThat(Files.exists(Repository.file(name + "/Dockerfile"))).as("a Dockerfile of its own").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void copiesTheJarTheBuildWritesAndExtractsItsLayers(String name) {
        ServiceModule service = ServiceModule.named(name);
        Dockerfile dockerfile = Dockerfile.forService(name);

        assertThat(dockerfile.all("FROM")).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
        assertThat(dockerfile.all("COPY")).as("%s copies %s/%s", name, name, service.jar())
                .anySatisfy(copy -> assertThat(copy).startsWith(name + "/" + service.jar() + " "));
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

    @Test
    void runsOnAJreAsANumericNonRootUser() {
        Dockerfile image = Dockerfile.shared().finalStage();

        assertThat(image.all("FROM")).containsExactly("eclipse-temurin:17-jre");
        assertThat(image.all("USER")).hasSize(1).first().asString().matches("[1-9][0-9]*:[1-9][0-9]*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void exposesTheServicePortAndChecksReadinessThere(String name) {
        ServiceModule service = ServiceModule.named(name);
        Dockerfile image = Dockerfile.forService(name).finalStage();

        assertThat(image.all("EXPOSE")).containsExactly(String.valueOf(service.port()));
        // the health check's shell reads the port the image sets for Spring's server.port
        assertThat(image.environment()).containsEntry("SERVER_PORT", String.valueOf(service.port()));
        assertThat(image.all("HEALTHCHECK")).singleElement().asString()
                .contains("/dev/tcp/127.0.0.1/${SERVER_PORT} ")
                .contains("GET /actuator/health/readiness HTTP/1.1")
                .contains("grep -q ' 200 '");
    }

    @Test
    void refusesToBuildWithoutNamingTheServiceAndLetsOnlyTheJarsIntoTheContext() {
        assertThat(Dockerfile.shared().all("RUN")).first().asString()
                .contains("test -n \"${SERVICE}\" -a -n \"${PORT}\"").contains("exit 1");
        assertThat(Repository.read(Repository.file(".dockerignore")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")))
                .containsExactly("*", "!*-service/target/*-service.jar");
        // what the exception lets in is each service's jar, and nothing else is needed
        assertThat(ServiceModule.all()).allSatisfy(service -> assertThat(service.name() + "/" + service.jar())
                .matches("[a-z-]+-service/target/[a-z-]+-service\\.jar"));
    }
}
