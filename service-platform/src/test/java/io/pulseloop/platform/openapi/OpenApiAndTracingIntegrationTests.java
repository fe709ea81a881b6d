package io.pulseloop.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.pulseloop.platform.TestHttp;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;
import io.pulseloop.testsupport.security.JwtTestTokens;

/** /v3/api-docs open without authentication; a trace that starts with an HTTP request goes on in a Kafka record. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OpenApiAndTracingIntegrationTests {

    static final KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        JwtTestTokens.shared().registerIssuer(registry);
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void servesTheOpenApiDocumentWithoutAuthentication() {
        HttpResponse<String> response = new TestHttp(port).get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = TestHttp.json(response);
        assertThat(document.path("openapi").asString()).startsWith("3.");
        assertThat(document.path("info").path("title").asString()).isEqualTo("platform-test");
        assertThat(document.path("paths").has("/api/v1/me")).isTrue();
        assertThat(document.path("paths").path("/api/v1/me").path("get").has("parameters"))
                .as("the StaffMember argument is the caller, not a parameter").isFalse();
        assertThat(document.path("components").path("securitySchemes").path("staffJwt").path("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void carriesTheTraceOfAnHttpRequestIntoTheKafkaRecordItPublishes() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String key = "k-" + UUID.randomUUID();
        try (TopicProbe probe = kafka.openProbe("platform.echo.v1")) {
            HttpResponse<String> response = new TestHttp(port).postJson("/api/v1/echo", "{\"key\":\"" + key + "\"}",
                    "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            ConsumerRecord<String, String> record = probe.awaitRecord(KafkaRecords.withKey(key), Duration.ofSeconds(10));
            assertThat(KafkaRecords.header(record, "traceparent")).startsWith("00-" + traceId + "-");
        }
    }
}
