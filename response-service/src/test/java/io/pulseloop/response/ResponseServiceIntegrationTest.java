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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.security.JwtTestTokens;
import io.pulseloop.testsupport.time.MutableClock;
import io.pulseloop.testsupport.time.MutableClockConfiguration;

/**
 * The one Spring context most integration tests share: the whole service on a random port, on the shared Kafka
 * broker and MongoDB server, with a test clock (standing still, so rate-limit buckets do not refill) and staff
 * tokens of the test JWT issuer ({@link JwtTestTokens}). Tests isolate by fresh contact, invitation and token ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "pulseloop.response.rate-limit.per-address.capacity=1000000",
    "pulseloop.response.rate-limit.per-token.capacity=20",
    "pulseloop.response.cors-allowed-origins=https://widget.example.com",
    "spring.kafka.consumer.auto-offset-reset=earliest",
    // room for a loaded machine between a paused consumer's resume and the waiting link (UnknownLinkWhileConsumer…)
    "pulseloop.response.unknown-links.max-wait=PT5S"
})
@RealInfrastructure
@Import({MutableClockConfiguration.class, JwtTestTokens.DecoderConfiguration.class})
public abstract class ResponseServiceIntegrationTest {

    /** A staff bearer token (owner {@code staff-1}, role ADMIN): a real JWT of the test issuer, valid for an hour. */
    public static final String STAFF_TOKEN = JwtTestTokens.shared().token("staff-1", "ADMIN");

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
}
