package io.pulseloop.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;

/**
 * The {@code local} profile as a person with curl meets it: HTTP Basic admin/admin on the staff API, no JWT issuer
 * needed, public pages open. Its own context (consumers off, closed afterwards).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.cloud.stream.bindings.invitationEvents-in-0.consumer.auto-startup=false",
    "spring.cloud.stream.bindings.contactEvents-in-0.consumer.auto-startup=false"
})
@ActiveProfiles("local")
@RealInfrastructure
@DirtiesContext
class LocalProfileIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void staffApiTakesAdminAdminAndPublicEndpointsNeedNoLogin() {
        PublicHttp http = new PublicHttp(port);
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> staff = http.get("/api/v1/responses/unknown", "Authorization", basic);

        assertThat(staff.statusCode()).isEqualTo(404);
        assertThat(staff.body()).contains("\"field\":\"responseId\"");
        assertThat(http.get("/api/v1/responses/unknown").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/responses/unknown", "Authorization", wrong).statusCode()).isEqualTo(401);
        assertThat(http.get("/s/" + TestInvitations.newToken()).statusCode()).isEqualTo(404);
        assertThat(http.postJson("/api/v1/responses", "{\"token\":\"" + TestInvitations.newToken()
                + "\",\"score\":3}").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
}
