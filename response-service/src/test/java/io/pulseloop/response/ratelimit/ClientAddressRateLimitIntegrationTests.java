package io.pulseloop.response.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.security.JwtTestTokens;
import io.pulseloop.testsupport.time.MutableClock;
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
@Import({MutableClockConfiguration.class, JwtTestTokens.DecoderConfiguration.class})
@DirtiesContext
class ClientAddressRateLimitIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void everyBucketFull() {
        // the buckets of the loopback address refill, so the tests of this class do not depend on their order
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void clientSetForwardingHeadersAreNotTrustedWithoutAConfiguredProxy() {
        PublicHttp http = new PublicHttp(port);
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/s/" + TestInvitations.newToken(), "X-Forwarded-For", "198.51.100." + i,
                    "Forwarded", "for=198.51.100." + i, "X-Real-IP", "198.51.100." + i).statusCode()).isEqualTo(404);
        }

        HttpResponse<String> refused = http.get("/s/" + TestInvitations.newToken(), "X-Forwarded-For",
                "203.0.113.77", "Forwarded", "for=\"[2001:db8::77]\"", "X-Real-IP", "203.0.113.77");

        assertThat(refused.statusCode()).as("a new forwarding header is not a new client").isEqualTo(429);
    }

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
