package io.pulseloop.response.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.time.MutableClockConfiguration;

/**
 * The limit per client address, in a context of its own with a limit of five (the shared context's is far higher).
 * Its Kafka consumers do not start, so it cannot take partitions from the shared context; it is closed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pulseloop.response.rate-limit.per-address.capacity=5",
    "spring.cloud.stream.bindings.invitationEvents-in-0.consumer.auto-startup=false",
    "spring.cloud.stream.bindings.contactEvents-in-0.consumer.auto-startup=false"
})
@RealInfrastructure
@Import({MutableClockConfiguration.class, ResponseServiceIntegrationTest.StaffTokens.class})
@DirtiesContext
class ClientAddressRateLimitIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void sixthRequestFromOneAddressWithinTheMinuteIs429WithRetryAfter() {
        PublicHttp http = new PublicHttp(port);
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/s/" + TestInvitations.newToken()).statusCode()).isEqualTo(404);
        }

        HttpResponse<String> refused = http.postJson("/api/v1/responses", "{\"token\":\"x\",\"score\":1}");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("12");
        assertThat(refused.body()).contains("\"status\":429", "per client address");
        assertThat(http.get("/css/pulseloop.css").statusCode()).as("static assets are not limited").isEqualTo(200);
        HttpResponse<String> page = http.get("/s/" + TestInvitations.newToken(), "Accept", "text/html",
                "Accept-Language", "pl");
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        assertThat(page.body()).contains("Zbyt wiele prób");
    }
}
