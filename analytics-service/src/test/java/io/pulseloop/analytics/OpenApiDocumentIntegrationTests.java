package io.pulseloop.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

import io.pulseloop.events.json.EventJson;

/**
 * The OpenAPI document is served openly at {@code /v3/api-docs} and describes the §6.2 endpoints; its snapshot in
 * {@code docs/openapi/analytics-service.json} is rewritten with {@code -Dpulseloop.openapi.write=true}.
 */
@AnalyticsIntegrationTest
class OpenApiDocumentIntegrationTests {

    private static final Path SNAPSHOT = Path.of("..", "docs", "openapi", "analytics-service.json");

    @LocalServerPort
    int port;

    @Test
    void servesTheAnalyticsApiWithoutCredentials() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = EventJson.mapper().readTree(response.body());

        assertThat(document.get("paths").propertyNames()).contains("/api/v1/analytics/scores",
                "/api/v1/analytics/response-rates", "/api/v1/analytics/themes", "/api/v1/analytics/followup",
                "/api/v1/analytics/revenue", "/api/v1/analytics/repeat-purchases");
        if (Boolean.getBoolean("pulseloop.openapi.write")) {
            ObjectNode stable = ((ObjectNode) document).deepCopy();
            stable.remove("servers"); // the random test port
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, EventJson.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(stable) + "\n");
        }
    }
}
