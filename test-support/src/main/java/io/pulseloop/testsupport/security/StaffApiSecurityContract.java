package io.pulseloop.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a service's staff API does outside the {@code local} profile (contract §7), checked against the whole
 * running service: no credentials, a token that is no JWT, and the {@code local} profile's HTTP Basic
 * {@code admin/admin} are refused with 401, every refused token with the same answer (which check refused it is
 * for the DEBUG log, not for a forger); the health probes and the Prometheus scrape need no credentials.
 * service-platform's own tests prove the security configuration on a small application; this proves the service
 * really runs it. A service's test class extends it under the service's integration-test annotation (a web
 * environment on a random port):
 *
 * <pre>{@code
 * @AnalyticsIntegrationTest
 * class StaffApiSecurityIntegrationTests extends StaffApiSecurityContract {
 * }
 * }</pre>
 */
public abstract class StaffApiSecurityContract {

    private static final String BASIC_ADMIN_ADMIN = "Basic YWRtaW46YWRtaW4=";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void refusesTheStaffApiWithoutCredentials() throws Exception {
        assertThat(get("/api/v1/anything", null).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAnInvalidBearerToken() throws Exception {
        assertThat(get("/api/v1/anything", "Bearer not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void answersARefusedTokenWithoutSayingWhichCheckRefusedIt() throws Exception {
        HttpResponse<String> refused = get("/api/v1/anything", "Bearer not-a-jwt");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(header -> assertThat(header)
                .startsWith("Bearer error=\"invalid_token\", error_description=\"The bearer token is not valid\"")
                .doesNotContain("identity provider"));
        assertThat(refused.body()).doesNotContain("identity provider").doesNotContain("Malformed");
    }

    @Test
    void refusesTheLocalProfilesBasicCredentialsOutsideIt() throws Exception {
        assertThat(get("/api/v1/anything", BASIC_ADMIN_ADMIN).statusCode()).isEqualTo(401);
    }

    @Test
    void servesHealthProbesAndMetricsWithoutCredentials() throws Exception {
        assertThat(get("/actuator/health/liveness", null).body()).contains("UP");
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
