package io.pulseloop.crmsync;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pulseloop.testsupport.http.HttpTestPeer;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;
import io.pulseloop.testsupport.security.JwtTestTokens;

/**
 * The one Spring context most integration tests share: the whole service on a random port against the shared Kafka
 * broker and MongoDB server, WireMock as the CRM, two webhook secrets (rotation), and resilience settings short
 * enough for tests. Tests isolate themselves by unique contact ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pulseloop.crm.webhook-secret=" + CrmSyncIntegrationTest.WEBHOOK_SECRET,
    "pulseloop.crm.webhook-secrets=" + CrmSyncIntegrationTest.NEXT_WEBHOOK_SECRET,
    "pulseloop.crm.token=" + CrmSyncIntegrationTest.CRM_TOKEN,
    "pulseloop.crm.inbound.retry-initial=200ms",
    "pulseloop.crm.write-back.poll-interval=50ms",
    "pulseloop.crm.write-back.redelivery-initial=200ms",
    "pulseloop.crm.write-back.redelivery-max=2s",
    "resilience4j.timelimiter.instances.crm.timeout-duration=1s",
    "resilience4j.retry.instances.crm.wait-duration=100ms",
    "resilience4j.retry.instances.crm.exponential-max-wait-duration=500ms",
    "resilience4j.circuitbreaker.instances.crm.sliding-window-size=6",
    "resilience4j.circuitbreaker.instances.crm.minimum-number-of-calls=4",
    "resilience4j.circuitbreaker.instances.crm.wait-duration-in-open-state=2s",
    "resilience4j.circuitbreaker.instances.crm.permitted-number-of-calls-in-half-open-state=1",
    "resilience4j.ratelimiter.instances.crm.limit-for-period=200",
    "spring.kafka.consumer.auto-offset-reset=earliest",
    "spring.cloud.stream.kafka.binder.min-partition-count=3",
    "pulseloop.crm.topics.partitions=3"
})
@RealInfrastructure
// staff tokens: real JWTs of the test issuer; the MongoDB commands recorded (hot paths must be _id lookups)
@Import({JwtTestTokens.DecoderConfiguration.class, MongoCommandRecorder.Configuration.class})
public abstract class CrmSyncIntegrationTest {

    public static final String WEBHOOK_SECRET = "whsec-current-5b7f0c";
    public static final String NEXT_WEBHOOK_SECRET = "whsec-next-91ad3e";
    public static final String CRM_TOKEN = "pat-test-token";

    @RegisterExtension
    protected static final HttpTestPeer crm = HttpTestPeer.shared();

    /** A client of the shared broker, for publishing records and probing topics. */
    protected static KafkaTestClient kafka;

    @DynamicPropertySource
    static void crmBaseUrl(DynamicPropertyRegistry registry) {
        crm.registerBaseUrl(registry, "pulseloop.crm.base-url");
    }

    @BeforeAll
    static void connectKafka() {
        kafka = KafkaTestClient.forSharedInfrastructure();
    }

    @AfterAll
    static void disconnectKafka() {
        kafka.close();
    }
}
