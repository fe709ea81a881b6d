package io.pulseloop.systemtests.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.survey.SurveySnapshot;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.systemtests.ServiceProcess;
import io.pulseloop.testsupport.infrastructure.Infrastructure;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TcpGate;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * Issue 11 #3 as an operator would see it: response-service as its own process (the packaged jar), whose producer
 * reaches the broker only through a {@link TcpGate} that stays closed (connection refused, no metadata) until the
 * test opens it; its consumers and MongoDB work. An answer through the JSON API and one through the survey form,
 * both while the broker is unreachable: stored, answered within 10 s ({@code 201}; the page says thank you), and
 * their scores on {@code response.scores.v1} once the gate opens. Before the fix: {@code 500} after 60 s.
 * Its own consumer group and database, so it shares nothing with other system tests.
 */
class BrokerOutageSystemTests {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageSystemTests.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersDuringABrokerOutageAreStoredAnsweredWithinTenSecondsAndPublishedWhenItIsBack() throws Exception {
        Infrastructure infrastructure = SharedInfrastructure.get();
        String run = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), 0, 6);
        Path project = Path.of(System.getProperty("pulseloop.project.dir", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"))
                .resolve("broker-outage");
        try (TcpGate gate = new TcpGate(infrastructure.kafkaBootstrapServers());
                KafkaTestClient kafka = KafkaTestClient.connect(infrastructure.kafkaBootstrapServers())) {
            kafka.ensureTopics(Topics.SURVEY_INVITATIONS, Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES);
            String settings = EventJson.mapper().writeValueAsString(Map.of(
                    "spring.kafka.producer.bootstrap-servers", gate.bootstrapServers(),
                    "spring.mongodb.database", "outage-" + run,
                    "spring.cloud.stream.bindings.invitationEvents-in-0.group", "response-outage-" + run,
                    "spring.cloud.stream.bindings.contactEvents-in-0.group", "response-outage-" + run,
                    "pulseloop.response.intake.relay-interval", "PT1S"));
            try (ServiceProcess response = ServiceProcess.start(project, "response-service", ServiceProcess.freePort(),
                    Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers(),
                            "SPRING_MONGODB_URI", infrastructure.mongoConnectionString(),
                            "SPRING_APPLICATION_JSON", settings), logs)) {
                response.awaitReady(Duration.ofSeconds(180));
                Invited api = invite(kafka);
                Invited page = invite(kafka);
                await().atMost(Duration.ofSeconds(60)).until(() -> get(response, "/s/" + api.token()) == 200
                        && get(response, "/s/" + page.token()) == 200);

                try (TopicProbe scores = kafka.openProbe(Topics.RESPONSE_SCORES)) {
                    long started = System.nanoTime();
                    HttpResponse<String> answered = http.send(HttpRequest.newBuilder(response.uri("/api/v1/responses"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + api.token()
                                    + "\",\"score\":2,\"comment\":\"The broker is down\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Duration apiTook = Duration.ofNanos(System.nanoTime() - started);

                    started = System.nanoTime();
                    HttpResponse<String> thanks = http.send(HttpRequest.newBuilder(response.uri("/s/" + page.token()))
                            .timeout(Duration.ofSeconds(30)).header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("score=5&comment=Fine")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Duration pageTook = Duration.ofNanos(System.nanoTime() - started);
                    LOG.info("Broker unreachable: JSON answer {} in {} ms, survey form {} in {} ms",
                            answered.statusCode(), apiTook.toMillis(), thanks.statusCode(), pageTook.toMillis());

                    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
                    assertThat(answered.body()).contains("\"published\":false");
                    assertThat(apiTook).isLessThan(Duration.ofSeconds(10));
                    assertThat(thanks.statusCode()).isEqualTo(200);
                    assertThat(thanks.body()).contains("Thank you!");
                    assertThat(pageTook).isLessThan(Duration.ofSeconds(10));
                    scores.assertNoRecord(r -> api.contactId().equals(r.key()), Duration.ofSeconds(1));

                    gate.open();

                    ConsumerRecord<String, String> apiScore = scores.awaitRecord(
                            r -> api.contactId().equals(r.key()), Duration.ofSeconds(60));
                    scores.awaitRecord(r -> page.contactId().equals(r.key()), Duration.ofSeconds(60));
                    assertThat(EventJson.mapper().readTree(apiScore.value()).path("score").asInt()).isEqualTo(2);
                }
            }
        }
    }

    private int get(ServiceProcess process, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(process.uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private record Invited(String token, String contactId) {
    }

    /** Publishes an InvitationSent (a CSAT survey without extra questions) with a fresh token. */
    private static Invited invite(KafkaTestClient kafka) throws Exception {
        byte[] raw = new byte[24];
        ThreadLocalRandom.current().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        String tokenHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        String contactId = "contact-outage-" + UUID.randomUUID();
        Instant now = Instant.now();
        SurveySnapshot survey = new SurveySnapshot("outage-csat", 1, Metric.CSAT, Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), List.of());
        SurveyContext context = new SurveyContext("acct-1", "Acme s.r.o.", AccountTier.KEY, CustomerStatus.CUSTOMER,
                "CZ", "Brno", "owner-7", "crm.deal.won", "deal-evt-1", null, null, null, "deal-1", "Platform",
                new BigDecimal("12000.50"), "CZK");
        InvitationSent sent = new InvitationSent("evt-" + UUID.randomUUID(), now.minus(1, ChronoUnit.MINUTES),
                contactId, "corr-" + UUID.randomUUID(), "inv-" + UUID.randomUUID(), survey.surveyId(), tokenHash,
                now.plus(30, ChronoUnit.DAYS), "en", survey, context);
        kafka.publish(Topics.SURVEY_INVITATIONS, contactId,
                EventJson.mapper().writerFor(InvitationEvent.class).writeValueAsString(sent));
        return new Invited(token, contactId);
    }
}
