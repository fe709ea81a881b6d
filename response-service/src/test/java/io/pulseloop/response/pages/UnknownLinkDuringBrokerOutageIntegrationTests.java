package io.pulseloop.response.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.platform.events.KafkaReadiness;
import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.ResponseServiceIntegrationTest;

/**
 * A survey link this service does not know, while the broker is unreachable: it may be a real invitation that has
 * not arrived yet, so the customer is asked to come back ({@code 503} + {@code Retry-After}) rather than told the link
 * is wrong; with the broker reachable it is the contract's {@code 404}. The readiness check's probe is the test's
 * switch (the rest of the service uses the real broker).
 */
@Import(UnknownLinkDuringBrokerOutageIntegrationTests.SwitchableBroker.class)
class UnknownLinkDuringBrokerOutageIntegrationTests extends ResponseServiceIntegrationTest {

    static final AtomicBoolean BROKER_ANSWERS = new AtomicBoolean(true);

    @Autowired
    KafkaReadiness readiness;

    @AfterEach
    void brokerBack() {
        BROKER_ANSWERS.set(true);
        readiness.check();
    }

    @Test
    void anUnknownLinkIsRetryLaterWhileTheBrokerIsUnreachableAndNotFoundOnceItAnswers() {
        PublicHttp http = new PublicHttp(port);
        String token = "t" + "0".repeat(42);

        BROKER_ANSWERS.set(false);
        readiness.check();
        readiness.check();
        HttpResponse<String> pageDuringOutage = http.get("/s/" + token, "Accept", "text/html",
                "Accept-Language", "cs");
        HttpResponse<String> apiDuringOutage = http.postJson("/api/v1/responses",
                "{\"token\":\"" + token + "\",\"score\":9}");

        BROKER_ANSWERS.set(true);
        readiness.check();
        HttpResponse<String> pageAfter = http.get("/s/" + token, "Accept", "text/html");
        HttpResponse<String> apiAfter = http.postJson("/api/v1/responses", "{\"token\":\"" + token + "\",\"score\":9}");

        assertThat(pageDuringOutage.statusCode()).isEqualTo(503);
        assertThat(pageDuringOutage.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(pageDuringOutage.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(pageDuringOutage.body()).contains("Zkuste to prosím za minutu");
        assertThat(apiDuringOutage.statusCode()).isEqualTo(503);
        assertThat(apiDuringOutage.headers().firstValue("Retry-After")).hasValue("30");
        JsonNode problem = EventJson.mapper().readTree(apiDuringOutage.body());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("field").asString()).isEqualTo("token");
        assertThat(pageAfter.statusCode()).isEqualTo(404);
        assertThat(apiAfter.statusCode()).isEqualTo(404);
        assertThat(EventJson.mapper().readTree(apiAfter.body()).path("title").asString())
                .isEqualTo("Unknown survey link");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SwitchableBroker {

        @Bean
        KafkaReadiness kafkaReadiness(ApplicationEventPublisher events) {
            return new KafkaReadiness(BROKER_ANSWERS::get, () -> { }, events, Clock.systemUTC(), Duration.ofMinutes(5));
        }
    }
}
