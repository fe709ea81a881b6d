package io.pulseloop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pulseloop.platform.TestHttp;
import io.pulseloop.testsupport.security.JwtTestTokens;

/** {@code pulseloop.security.owner-id-claim} names the claim holding the CRM owner id instead of {@code sub}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pulseloop.security.owner-id-claim=crm_owner_id")
class OwnerIdClaimIntegrationTests {

    static final JwtTestTokens tokens = JwtTestTokens.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        tokens.registerIssuer(registry);
    }

    @Test
    void takesTheOwnerIdFromTheConfiguredClaim() {
        String token = tokens.claims().subject("user@idp").claim("crm_owner_id", "owner-99").roles("AGENT").sign();

        HttpResponse<String> response = new TestHttp(port).get("/api/v1/me", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).path("ownerId").asString()).isEqualTo("owner-99");
    }

    @Test
    void refusesATokenWithOnlyASubject() {
        HttpResponse<String> response = new TestHttp(port).get("/api/v1/me", "Authorization",
                tokens.bearer("user@idp", "AGENT"));

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
