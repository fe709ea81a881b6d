package io.pulseloop.response;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.time.MutableClock;
import io.pulseloop.testsupport.time.MutableClockConfiguration;

/**
 * The one Spring context most integration tests share: the whole service on a random port, on the shared Kafka
 * broker and MongoDB server, with a test clock (standing still, so rate-limit buckets do not refill) and a JWT
 * decoder that knows one staff token. Tests isolate by fresh contact, invitation and token ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pulseloop.response.rate-limit.per-address.capacity=1000000",
    "pulseloop.response.rate-limit.per-token.capacity=20",
    "pulseloop.response.cors-allowed-origins=https://widget.example.com",
    "spring.kafka.consumer.auto-offset-reset=earliest"
})
@RealInfrastructure
@Import({MutableClockConfiguration.class, ResponseServiceIntegrationTest.StaffTokens.class})
public abstract class ResponseServiceIntegrationTest {

    /** The bearer token the test JWT decoder accepts, with role ADMIN. */
    public static final String STAFF_TOKEN = "staff-test-token";

    protected static final Duration WAIT = Duration.ofSeconds(20);

    private static KafkaTestClient kafka;

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected InvitationDirectory invitationDirectory;

    protected static synchronized KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = KafkaTestClient.forSharedInfrastructure();
        }
        return kafka;
    }

    @AfterAll
    static synchronized void closeKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    protected PublicHttp http() {
        return new PublicHttp(port);
    }

    protected Instant now() {
        return clock.instant();
    }

    /** Publishes the invitation on {@code survey.invitations.v1} and waits until the service knows it. */
    protected TestInvitations.Sent invite(TestInvitations.Sent sent) {
        kafka().publish(Topics.SURVEY_INVITATIONS, sent.contactId(), sent.json());
        await().atMost(WAIT).until(() -> invitationDirectory.findByToken(sent.token()).isPresent());
        return sent;
    }

    protected TestInvitations.Sent inviteNps(String locale) {
        return invite(TestInvitations.nps(locale, now()));
    }

    protected static JsonNode json(String text) {
        return EventJson.mapper().readTree(text);
    }

    protected static JsonNode value(ConsumerRecord<String, String> record) {
        return json(record.value());
    }

    protected static Predicate<ConsumerRecord<String, String>> event(String eventType,
            String contactId) {
        return record -> contactId.equals(record.key()) && record.value() != null
                && (eventType.equals(value(record).path("eventType").asString())
                        || (eventType.equals("ScoreRecorded") && record.topic().equals(Topics.RESPONSE_SCORES)));
    }

    protected static List<ConsumerRecord<String, String>> ofType(List<ConsumerRecord<String, String>> records,
            String eventType, String contactId) {
        return records.stream().filter(event(eventType, contactId)).toList();
    }

    /** Accepts {@link #STAFF_TOKEN} as an ADMIN. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class StaffTokens {

        @Bean
        JwtDecoder jwtDecoder() {
            return token -> {
                if (!STAFF_TOKEN.equals(token)) {
                    throw new BadJwtException("Unknown test token");
                }
                return Jwt.withTokenValue(token).header("alg", "none").subject("staff-1")
                        .claim("roles", List.of("ADMIN")).issuedAt(Instant.now())
                        .expiresAt(Instant.now().plusSeconds(3600)).build();
            };
        }
    }
}
