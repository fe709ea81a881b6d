package io.pulseloop.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

import io.pulseloop.events.json.EventJson;

/**
 * The OpenAPI document is served openly at {@code /v3/api-docs} and describes the task API; its snapshot in
 * {@code docs/openapi/closed-loop-service.json} is rewritten with {@code -Dpulseloop.openapi.write=true}.
 */
@ClosedLoopIntegrationTest
class OpenApiDocumentIntegrationTests {

    private static final Path SNAPSHOT = Path.of("..", "docs", "openapi", "closed-loop-service.json");

    @LocalServerPort
    int port;

    @Test
    void servesTheTaskApiWithoutCredentials() throws IOException {
        JsonNode document = new Scenario(port).getJson("/v3/api-docs", null);

        assertThat(document.get("paths").propertyNames()).contains("/api/v1/tasks", "/api/v1/tasks/{id}",
                "/api/v1/tasks/{id}/attempts", "/api/v1/tasks/{id}/resolve", "/api/v1/tasks/root-causes");
        if (Boolean.getBoolean("pulseloop.openapi.write")) {
            ObjectNode stable = ((ObjectNode) document).deepCopy();
            stable.remove("servers"); // the random test port
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, EventJson.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(stable) + "\n");
        }
    }
}
