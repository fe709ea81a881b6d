package io.pulseloop.response.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.security.JwtTestTokens;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TcpGate;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 11 #3: answers while Kafka cannot be reached. The producer is bootstrapped through a {@link TcpGate}
 * that stays closed (connection refused, no metadata) until the test opens it; everything else (MongoDB, the
 * admin client, the test's probe) uses the broker directly. Before the fix the answer waited 60 s for metadata and
 * then failed with {@code 500}; now it is stored and answered within the publish timeout plus one bounded
 * metadata wait, and the outbox relay publishes it once the broker is reachable. Own context (the producer points
 * elsewhere), consumers off, the real clock so the relay sees entries age.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.cloud.stream.bindings.invitationEvents-in-0.consumer.auto-startup=false",
    "spring.cloud.stream.bindings.contactEvents-in-0.consumer.auto-startup=false",
    "pulseloop.response.intake.relay-after=PT1S",
    "pulseloop.response.intake.relay-interval=PT1S"
})
@RealInfrastructure
@Import(JwtTestTokens.DecoderConfiguration.class)
@DirtiesContext
class BrokerOutageIntegrationTests {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIntegrationTests.class);
    private static final TcpGate GATE = new TcpGate(SharedInfrastructure.get().kafkaBootstrapServers());
    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();

    @LocalServerPort
    int port;

    @Autowired
    InvitationDirectory invitations;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void producerThroughTheGate(DynamicPropertyRegistry registry) {
        KAFKA.ensureTopics(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES);
        registry.add("spring.kafka.producer.bootstrap-servers", GATE::bootstrapServers);
    }

    @AfterAll
    static void closeGate() {
        GATE.close();
        KAFKA.close();
    }

    @Test
    void answersWhileTheBrokerIsDownAreStoredAnsweredQuicklyAndPublishedOnceItIsBack() {
        TestInvitations.Sent apiInvitation = TestInvitations.nps("en", Instant.now());
        TestInvitations.Sent pageInvitation = TestInvitations.nps("en", Instant.now());
        invitations.record(apiInvitation.event());
        invitations.record(pageInvitation.event());
        PublicHttp http = new PublicHttp(port);

        try (TopicProbe probe = KAFKA.openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            long started = System.nanoTime();
            HttpResponse<String> answer = http.postJson("/api/v1/responses",
                    "{\"token\":\"" + apiInvitation.token() + "\",\"score\":3,\"comment\":\"Broker down\"}");
            Duration apiTook = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.statusCode()).as("a stored answer is 201, not 500: %s", answer.body()).isEqualTo(201);
            assertThat(apiTook).as("answered within 10 s").isLessThan(Duration.ofSeconds(10));
            JsonNode body = EventJson.mapper().readTree(answer.body());
            assertThat(body.path("status").asString()).isEqualTo("created");
            assertThat(body.path("published").asBoolean()).isFalse();
            assertThat(answer.headers().firstValue("Location")).isPresent();

            started = System.nanoTime();
            HttpResponse<String> page = http.postForm("/s/" + pageInvitation.token(), PublicHttp.form(
                    "lang", "en", "shown", "channel", "score", "9", "comment", "Still fine", "q.channel", "phone"),
                    "Accept", "text/html");
            Duration pageTook = Duration.ofNanos(System.nanoTime() - started);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as("the customer is thanked, not shown an error").contains("Thank you!");
            assertThat(pageTook).isLessThan(Duration.ofSeconds(10));
            probe.assertNoRecord(r -> apiInvitation.contactId().equals(r.key()), Duration.ofSeconds(1));

            GATE.open();

            List<ConsumerRecord<String, String>> apiScores = probe.awaitRecords(1,
                    score(apiInvitation.contactId()), Duration.ofSeconds(30));
            assertThat(EventJson.mapper().readTree(apiScores.get(0).value()).path("score").asInt()).isEqualTo(3);
            probe.awaitRecord(score(pageInvitation.contactId()), Duration.ofSeconds(30));
            probe.awaitRecord(r -> r.topic().equals(Topics.RESPONSE_RESPONSES)
                    && apiInvitation.contactId().equals(r.key()) && r.value().contains("ResponseCompleted"),
                    Duration.ofSeconds(10));
            // publishing is at least once: a send that was already under way when the relay tried again may land
            // too, always with the same event id (consumers count an event id once); what must not happen is a
            // second event for the answer, or a relay that keeps sending: the outbox ends empty
            String eventId = EventJson.mapper().readTree(apiScores.get(0).value()).path("eventId").asString();
            String responseId = body.path("responseId").asString();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    mongo.findById(responseId, Document.class, "responses").getList("outbox", Document.class,
                            List.of())).as("the answer's outbox, emptied once Kafka acknowledged it").isEmpty());
            probe.assertNoRecord(r -> score(apiInvitation.contactId()).test(r)
                    && !eventId.equals(EventJson.mapper().readTree(r.value()).path("eventId").asString()),
                    Duration.ofSeconds(2));
            LOG.info("Broker outage: JSON answer in {} ms, page answer in {} ms", apiTook.toMillis(),
                    pageTook.toMillis());
        }
    }

    private static Predicate<ConsumerRecord<String, String>> score(String contactId) {
        return r -> r.topic().equals(Topics.RESPONSE_SCORES) && contactId.equals(r.key());
    }
}
