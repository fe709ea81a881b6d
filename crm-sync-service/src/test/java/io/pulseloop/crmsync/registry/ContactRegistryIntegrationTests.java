package io.pulseloop.crmsync.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.crmsync.StaffApi;
import io.pulseloop.crmsync.writeback.WriteBackOutbox;
import io.pulseloop.crmsync.writeback.rules.PropertyChange;
import io.pulseloop.crmsync.writeback.rules.PropertyValue;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** The registry, fed end to end: CloudEvent on crm.inbound.v1, canonical event, MongoDB, staff API. */
class ContactRegistryIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    WriteBackOutbox writeBacks;

    private StaffApi api;

    @BeforeEach
    void client() {
        api = new StaffApi(port);
    }

    @Test
    void roundTripsAContactFromTheBrokerIntoMongoAndTheStaffApi() {
        String contactId = CloudEvents.uniqueId("c");
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                contactId, Instant.now(), "jana@example.com", Map.of("consent", Map.of("surveys", false))));

        JsonNode contact = awaitContact(contactId, c -> c.has("email"));
        assertThat(contact.path("email").asString()).isEqualTo("jana@example.com");
        assertThat(contact.path("accountTier").asString()).isEqualTo("key");
        assertThat(contact.path("customerStatus").asString()).isEqualTo("customer");
        assertThat(contact.path("timeZone").asString()).isEqualTo("Europe/Prague");
        assertThat(contact.path("consent").path("surveys").asBoolean(true)).isFalse();
        assertThat(contact.path("doNotContact").asBoolean(true)).isFalse();
        assertThat(mongo.getCollection("contacts").countDocuments(new Document("_id", contactId)))
                .isEqualTo(1);
    }

    @Test
    void anOlderUpdateArrivingLaterNeverOverwritesNewerData() {
        String contactId = CloudEvents.uniqueId("c");
        Instant newer = Instant.now();
        Instant older = newer.minusSeconds(3600);
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                    contactId, newer, "new@example.com", Map.of("region", "PL")));
            kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                    contactId, older, "old@example.com", Map.of("region", "CZ")));
            contacts.awaitRecords(2, KafkaRecords.withKey(contactId), WAIT);
        }
        // the older one was applied after the newer one (same partition, in order) and lost
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> {
            JsonNode contact = api.json("/api/v1/contacts/" + contactId);
            return contact != null && "new@example.com".equals(contact.path("email").asString())
                    && "PL".equals(contact.path("region").asString());
        });
    }

    @Test
    void keepsFieldsTheCrmLeftOut() {
        String contactId = CloudEvents.uniqueId("c");
        Instant time = Instant.now();
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                contactId, time, "a@example.com"));
        awaitContact(contactId, c -> c.has("email"));
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.event(CloudEvents.uniqueId("evt"),
                "crm.contact.upserted", time.plusSeconds(1), Map.of("contactId", contactId, "email", "b@example.com")));

        JsonNode contact = awaitContact(contactId, c -> "b@example.com".equals(c.path("email").asString()));
        assertThat(contact.path("branch").asString()).isEqualTo("Brno");
    }

    @Test
    void keepsLostDealsWithTheirReasonsAlsoAfterErasure() {
        String contactId = CloudEvents.uniqueId("c");
        String reason = "price-" + contactId;
        kafka.publish(Topics.CRM_INBOUND, contactId,
                CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"), contactId, Instant.now(), "x@example.com"));
        kafka.publish(Topics.CRM_INBOUND, contactId,
                CloudEvents.dealLost(CloudEvents.uniqueId("evt"), contactId, Instant.now(), reason));
        kafka.publish(Topics.CRM_INBOUND, contactId,
                CloudEvents.dealWon(CloudEvents.uniqueId("evt"), contactId, Instant.now()));
        kafka.publish(Topics.CRM_INBOUND, contactId,
                CloudEvents.contactErased(CloudEvents.uniqueId("evt"), contactId, Instant.now()));

        JsonNode contact = awaitContact(contactId, c -> c.path("erased").asBoolean() && c.path("deals").size() == 2);
        assertThat(contact.path("deals").findValuesAsString("outcome")).containsExactlyInAnyOrder("lost", "won");
        JsonNode losses = api.json("/api/v1/deal-losses?reason=" + reason.toUpperCase());
        assertThat(losses).hasSize(1);
        assertThat(losses.get(0).path("lossReason").asString()).isEqualTo(reason);
        assertThat(losses.get(0).path("contactId").asString()).isEqualTo(contactId);
    }

    @Test
    void erasureAnonymisesPublishesContactErasedAndLaterUpsertsDoNotResurrectPersonalData() {
        String contactId = CloudEvents.uniqueId("c");
        Instant time = Instant.now();
        writeBacks.record(contactId, List.of(new PropertyChange("pulseloop_churn_risk",
                new PropertyValue("true", time, 0, "sig-" + contactId))));
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                    contactId, time, "erase.me@example.com"));
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.contactErased(CloudEvents.uniqueId("evt"), contactId, time.plusSeconds(1)));
            kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                    contactId, time.plusSeconds(2), "back.again@example.com"));
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, time.plusSeconds(3)));

            var published = contacts.awaitRecords(3, KafkaRecords.withKey(contactId), WAIT);
            assertThat(published.get(1).value()).contains("\"eventType\":\"ContactErased\"");
            assertThat(published.get(2).value()).contains("\"eventType\":\"TicketClosed\"")
                    .doesNotContain("Router installation for Jana");
            assertThat(contacts.records().stream().filter(KafkaRecords.withKey(contactId)))
                    .noneMatch(r -> r.value().contains("back.again@example.com"));
        }
        JsonNode contact = awaitContact(contactId, c -> c.path("erased").asBoolean());
        assertThat(contact.has("email")).isFalse();
        assertThat(contact.has("firstName")).isFalse();
        assertThat(contact.has("lastName")).isFalse();
        assertThat(contact.path("region").asString()).isEqualTo("CZ");
        assertThat(mongo.getCollection("contacts").find(new Document("_id", contactId)).first().toJson())
                .doesNotContain("example.com", "Jana", "Nováková");
        await().atMost(WAIT).until(() -> writeBacks.status(contactId).map(s -> s.erased() && s.pending().isEmpty())
                .orElse(false));
    }

    @Test
    void recordsOwners() {
        String ownerId = CloudEvents.uniqueId("own");
        kafka.publish(Topics.CRM_INBOUND, ownerId,
                CloudEvents.ownerUpserted(CloudEvents.uniqueId("evt"), ownerId, Instant.now()));

        await().atMost(WAIT).until(() -> api.json("/api/v1/owners/" + ownerId) != null);
        assertThat(api.json("/api/v1/owners/" + ownerId).path("managerId").asString()).isEqualTo("mgr-1");
    }

    @Test
    void staffApiNeedsAuthenticationAndAnswersProblemsForUnknownContacts() {
        assertThat(api.get("/api/v1/contacts/nobody", null).statusCode()).isEqualTo(401);
        var missing = api.get("/api/v1/contacts/nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("\"field\":\"contactId\"");
    }

    private JsonNode awaitContact(String contactId, Predicate<JsonNode> condition) {
        return await().atMost(WAIT).until(() -> api.json("/api/v1/contacts/" + contactId),
                contact -> contact != null && condition.test(contact));
    }
}
