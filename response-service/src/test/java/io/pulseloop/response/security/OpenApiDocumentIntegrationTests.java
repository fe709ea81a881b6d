package io.pulseloop.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.testsupport.openapi.OpenApiSnapshot;

/**
 * response-service's HTTP API as served at {@code /v3/api-docs}, without authentication, equals the committed
 * {@code docs/openapi/response-service.json} (rewrite it with {@code -Dopenapi.update=true}).
 */
class OpenApiDocumentIntegrationTests extends ResponseServiceIntegrationTest {

    @Test
    void servesTheCommittedOpenApiDocumentWithoutAuthentication() {
        HttpResponse<String> docs = http().get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        OpenApiSnapshot.assertMatches("response-service", docs.body());
    }
}
