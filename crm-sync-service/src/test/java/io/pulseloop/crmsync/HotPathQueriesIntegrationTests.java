package io.pulseloop.crmsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder.Command;

/**
 * Issue 10: every hot path asks MongoDB by {@code _id} only, which the embedded server answers from its index; any
 * other filter scans the collection, and the cost grows with the data. These tests fail when a later change
 * reintroduces such a query on the inbound dedupe, the erasure check, the webhook's duplicate check or the registry.
 */
class HotPathQueriesIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MongoCommandRecorder mongoCommands;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    @Test
    void inboundDedupeAndErasureCheckAreIdLookups() {
        String contactId = CloudEvents.uniqueId("c-hot");
        String ticket = CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now());
        List<Command> recorded = mongoCommands.during(() -> {
            try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
                kafka.publish(Topics.CRM_INBOUND, contactId, ticket);
                contacts.awaitRecord(KafkaRecords.withKey(contactId), WAIT);
                // a copy loses its claim, which makes the pipeline look the claim up
                kafka.publish(Topics.CRM_INBOUND, contactId, ticket);
                kafka.publish(Topics.CRM_INBOUND, contactId,
                        CloudEvents.contactErased(CloudEvents.uniqueId("evt"), contactId, Instant.now()));
                contacts.awaitRecords(2, KafkaRecords.withKey(contactId), WAIT);
            }
        }, Command.inCollection("processed_crm_events").or(Command.inCollection("erased_contacts")));

        assertOnlyIdLookups(in(recorded, "processed_crm_events"));
        assertOnlyIdLookups(in(recorded, "erased_contacts"));
    }

    @Test
    void webhookDuplicateCheckIsAnIdLookup() {
        String contactId = CloudEvents.uniqueId("c-hot");
        List<Command> recorded = mongoCommands.during(() -> assertThat(new WebhookClient(port).post(
                CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, Instant.now()), WEBHOOK_SECRET,
                Instant.now()).statusCode()).isEqualTo(202), Command.inCollection("processed_crm_events"));

        assertOnlyIdLookups(recorded);
    }

    @Test
    void registryUpsertsContactsAndOwnersByIdOnly() {
        String contactId = CloudEvents.uniqueId("c-hot");
        String ownerId = CloudEvents.uniqueId("own-hot");
        Instant now = Instant.now();
        List<Command> recorded = mongoCommands.during(() -> {
            publishContactOwnerErasureAndTicket(contactId, ownerId, now);
            await().atMost(WAIT).until(() -> {
                Document contact = mongo.getCollection("contacts").find(new Document("_id", contactId)).first();
                return contact != null && contact.getBoolean("erased", false)
                        && mongo.getCollection("owners").find(new Document("_id", ownerId)).first() != null;
            });
        }, Command.inCollection("contacts").or(Command.inCollection("owners")));

        List<Command> contacts = in(recorded, "contacts");
        assertThat(contacts).hasSizeGreaterThanOrEqualTo(4);
        assertOnlyIdLookups(contacts);
        assertOnlyIdLookups(in(recorded, "owners"));
    }

    private static void publishContactOwnerErasureAndTicket(String contactId, String ownerId, Instant now) {
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                contactId, now, "first@example.com"));
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                contactId, now.plusSeconds(1), "second@example.com"));
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                contactId, now.minusSeconds(60), "older@example.com"));
        kafka.publish(Topics.CRM_INBOUND, ownerId, CloudEvents.ownerUpserted(CloudEvents.uniqueId("evt"), ownerId,
                now));
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactErased(CloudEvents.uniqueId("evt"),
                contactId, now.plusSeconds(2)));
        kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"),
                contactId, now.plusSeconds(3)));
    }

    private static List<Command> in(List<Command> recorded, String collection) {
        return recorded.stream().filter(Command.inCollection(collection)).toList();
    }

    private static void assertOnlyIdLookups(List<Command> recorded) {
        assertThat(recorded).as("queries that the embedded MongoDB would answer by scanning")
                .isNotEmpty().allMatch(Command::isIdLookup);
    }
}
