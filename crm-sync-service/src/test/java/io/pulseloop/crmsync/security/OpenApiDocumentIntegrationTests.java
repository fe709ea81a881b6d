package io.pulseloop.crmsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.crmsync.StaffApi;
import io.pulseloop.testsupport.openapi.OpenApiSnapshot;

/**
 * crm-sync's HTTP API as served at {@code /v3/api-docs}, without authentication, equals the committed
 * {@code docs/openapi/crm-sync-service.json} (rewrite it with {@code -Dopenapi.update=true}).
 */
class OpenApiDocumentIntegrationTests extends CrmSyncIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void servesTheCommittedOpenApiDocumentWithoutAuthentication() {
        HttpResponse<String> docs = new StaffApi(port).get("/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        OpenApiSnapshot.assertMatches("crm-sync-service", docs.body());
    }
}
