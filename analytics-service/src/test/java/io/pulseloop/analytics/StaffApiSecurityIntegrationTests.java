package io.pulseloop.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@AnalyticsIntegrationTest
class StaffApiSecurityIntegrationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

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
        HttpResponse<String> refused = get("/api/v1/analytics/scores?metric=NPS", "Bearer not-a-jwt");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(header -> assertThat(header)
                .startsWith("Bearer error=\"invalid_token\", error_description=\"The bearer token is not valid\"")
                .doesNotContain("identity provider"));
        assertThat(refused.body()).doesNotContain("identity provider");
    }

    @Test
    void refusesTheLocalProfilesBasicCredentialsOutsideIt() throws Exception {
        assertThat(get("/api/v1/anything", "Basic YWRtaW46YWRtaW4=").statusCode()).isEqualTo(401);
    }

    @Test
    void servesHealthProbesAndMetricsWithoutCredentials() throws Exception {
        assertThat(get("/actuator/health/liveness", null).body()).contains("UP");
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
