package io.pulseloop.analytics.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.TestEvents;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.signal.ChurnRiskCleared;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.signal.UpsellOpportunityDetected;
import io.pulseloop.events.signal.UpsellOpportunityWithdrawn;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** Score events on the broker raise and clear the §8.1 signals on {@code analytics.signals.v1}, each once. */
@AnalyticsIntegrationTest
class SignalsIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final TestEvents events = new TestEvents(KAFKA);

    @Autowired
    MongoTemplate mongo;

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void keyAccountDetractorsRaiseChurnRiskOnceAndTheNextPromoterClearsIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String account = "key-" + run;
        SurveyContext context = TestEvents.context(account, AccountTier.KEY, "north", "brno", "owner-9", null);
        try (TopicProbe probe = KAFKA.openProbe(Topics.ANALYTICS_SIGNALS)) {
            events.publish(TestEvents.score("rel-" + run, Metric.NPS, "anna-" + run, "r1-" + run, 1, 2, T0,
                    "Slow support", "en", context));
            events.publish(TestEvents.score("rel-" + run, Metric.NPS, "boris-" + run, "r2-" + run, 1, 5,
                    T0.plus(Duration.ofDays(10)), null, "en", context));
            // the same answer delivered again raises nothing more
            events.publish(TestEvents.score("rel-" + run, Metric.NPS, "boris-" + run, "r2-" + run, 1, 5,
                    T0.plus(Duration.ofDays(10)), null, "en", context));

            ChurnRiskDetected detected = (ChurnRiskDetected) signal(probe.awaitRecord(r -> isFor(r, account,
                    "ChurnRiskDetected"), WAIT));
            assertThat(detected.contactId()).isEqualTo("boris-" + run);
            assertThat(detected.ownerId()).isEqualTo("owner-9");
            assertThat(detected.evidenceContactIds()).containsExactly("anna-" + run, "boris-" + run);
            assertThat(detected.evidenceResponseIds()).containsExactly("r1-" + run, "r2-" + run);

            events.publish(TestEvents.score("rel-" + run, Metric.NPS, "cyril-" + run, "r3-" + run, 1, 9,
                    T0.plus(Duration.ofDays(12)), null, "en", context));
            ChurnRiskCleared cleared = (ChurnRiskCleared) signal(probe.awaitRecord(r -> isFor(r, account,
                    "ChurnRiskCleared"), WAIT));
            assertThat(cleared.contactId()).isEqualTo("cyril-" + run);
            assertThat(cleared.evidenceContactIds()).containsExactly("anna-" + run, "boris-" + run);
            assertThat(probe.records().stream().filter(r -> isFor(r, account, "ChurnRiskDetected"))).hasSize(1);
        }
    }

    @Test
    void aPromoterWhoseAccountLacksAProductIsAnUpsellCandidateUntilAPassiveAnswer() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String account = "acc-" + run;
        events.contact("ema-" + run, "Ema", "Nováková", account, AccountTier.STANDARD);
        events.contact("other-" + run, "Olga", "Jiná", "other-" + run, AccountTier.STANDARD);
        events.dealWon("ema-" + run, "deal-crm-" + run, T0, "1000", "CZK", "crm-" + run);
        events.dealWon("other-" + run, "deal-billing-" + run, T0, "1000", "CZK", "billing-" + run);
        // the deals are on another topic than the answers: wait until they are known, as they would be in life
        await().atMost(WAIT).until(() -> mongo.findById("deal-crm-" + run, Document.class, "deals") != null
                && mongo.findById("deal-billing-" + run, Document.class, "deals") != null);
        SurveyContext context = TestEvents.context(account, AccountTier.STANDARD, "north", "brno", "owner-2", null);
        try (TopicProbe probe = KAFKA.openProbe(Topics.ANALYTICS_SIGNALS)) {
            events.publish(TestEvents.score("rel-" + run, Metric.NPS, "ema-" + run, "u1-" + run, 1, 10,
                    T0.plus(Duration.ofDays(1)), null, "en", context));

            UpsellOpportunityDetected upsell = (UpsellOpportunityDetected) signal(probe.awaitRecord(r ->
                    isFor(r, account, "UpsellOpportunityDetected"), WAIT));
            assertThat(upsell.contactId()).isEqualTo("ema-" + run);
            assertThat(upsell.productsOwned()).contains("crm-" + run);
            assertThat(upsell.productsMissing()).contains("billing-" + run).doesNotContain("crm-" + run);
            assertThat(upsell.evidenceDealIds()).contains("deal-crm-" + run);
            assertThat(upsell.evidenceResponseIds()).containsExactly("u1-" + run);

            events.publish(TestEvents.score("rel-" + run, Metric.NPS, "ema-" + run, "u2-" + run, 1, 7,
                    T0.plus(Duration.ofDays(60)), null, "en", context));
            UpsellOpportunityWithdrawn withdrawn = (UpsellOpportunityWithdrawn) signal(probe.awaitRecord(r ->
                    isFor(r, account, "UpsellOpportunityWithdrawn"), WAIT));
            assertThat(withdrawn.contactId()).isEqualTo("ema-" + run);
            assertThat(withdrawn.evidenceResponseIds()).containsExactly("u2-" + run);
        }
    }

    private static boolean isFor(ConsumerRecord<String, String> record, String account, String type) {
        JsonNode value = EventJson.mapper().readTree(record.value());
        return account.equals(value.path("accountId").asString()) && type.equals(value.path("eventType").asString());
    }

    private static SignalEvent signal(ConsumerRecord<String, String> record) {
        return EventJson.mapper().readValue(record.value(), SignalEvent.class);
    }
}
