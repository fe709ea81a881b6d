package io.pulseloop.survey.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.testsupport.openapi.OpenApiSnapshot;

/**
 * survey-service's HTTP API as served at {@code /v3/api-docs}, without authentication, equals the committed
 * {@code docs/openapi/survey-service.json} (rewrite it with {@code -Dopenapi.update=true}).
 */
class OpenApiDocumentIntegrationTests extends SurveyIntegrationTestBase {

    @Test
    void servesTheCommittedOpenApiDocumentWithoutAuthentication() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();

        OpenApiSnapshot.assertMatches("survey-service", docs);
    }
}
