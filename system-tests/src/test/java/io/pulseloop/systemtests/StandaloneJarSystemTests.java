package io.pulseloop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pulseloop.testsupport.infrastructure.Infrastructure;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;

/**
 * Every service jar runs on its own with profile {@code local} and only the infrastructure variables of contract
 * §1 and §9: it becomes ready, exposes Prometheus metrics, and takes admin/admin on its staff API.
 */
class StandaloneJarSystemTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"closed-loop-service", "analytics-service"})
    void runsOnItsOwnWithTheLocalProfile(String module) throws Exception {
        Infrastructure infrastructure = SharedInfrastructure.get();
        Path project = Path.of(System.getProperty("pulseloop.project.dir", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"));
        Map<String, String> environment = Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers(),
                "SPRING_MONGODB_URI", infrastructure.mongoConnectionString());

        try (ServiceProcess service = ServiceProcess.start(project, module, ServiceProcess.freePort(), environment,
                logs)) {
            service.awaitReady(Duration.ofSeconds(120));

            assertThat(get(service, "/actuator/health/liveness", null).body()).contains("UP");
            assertThat(get(service, "/actuator/prometheus", null).body()).contains("application=\"" + module + "\"");
            assertThat(get(service, "/api/v1/unknown", null).statusCode()).isEqualTo(401);
            assertThat(get(service, "/api/v1/unknown", "admin:wrong").statusCode()).isEqualTo(401);
            assertThat(get(service, "/api/v1/unknown", "admin:admin").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(ServiceProcess service, String path, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path));
        if (basic != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
