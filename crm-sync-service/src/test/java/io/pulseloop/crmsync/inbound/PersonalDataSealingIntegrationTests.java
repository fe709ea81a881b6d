package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.privacy.ContactKeyStore;
import io.pulseloop.platform.privacy.PersonalDataOpener;
import io.pulseloop.platform.privacy.PulseloopPrivacyProperties;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * crm-sync as the key authority of contact fields (issue 11 #4): email, names and a ticket's subject leave sealed
 * with the contact's data key, whose record is on the key topic first; erasure destroys the key, after which no copy
 * of those fields opens any more.
 */
class PersonalDataSealingIntegrationTests extends CrmSyncIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    PersonalDataOpener opener;

    @Autowired
    MongoTemplate mongo;

    @Test
    void sealsEmailNamesAndSubjectWithAKeyPublishedBeforeThemAndDestroysItOnErasure() {
        String contactId = CloudEvents.uniqueId("c");
        String keyId = "crm-sync/" + contactId;
        Instant time = Instant.now();
        List<ConsumerRecord<String, String>> published;
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            kafka.publish(Topics.CRM_INBOUND, contactId, CloudEvents.contactUpserted(CloudEvents.uniqueId("evt"),
                    contactId, time, "sealed.jana@example.com"));
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.ticketClosed(CloudEvents.uniqueId("evt"), contactId, time.plusSeconds(1)));
            published = contacts.awaitRecords(2, KafkaRecords.withKey(contactId), WAIT);
        }
        ContactUpserted upserted = (ContactUpserted) read(published.get(0));
        TicketClosed ticket = (TicketClosed) read(published.get(1));
        List<ConsumerRecord<String, String>> keyRecords = kafka.readTopic(PulseloopPrivacyProperties.DEFAULT_TOPIC,
                keyId);

        assertThat(published).allSatisfy(record -> assertThat(record.value())
                .doesNotContain("sealed.jana@example.com", "Jana", "Nováková", "Router installation"));
        assertThat(upserted.email()).startsWith("pii:v1:" + keyId + ":");
        assertThat(opener.openAll(upserted)).extracting(ContactUpserted::email, ContactUpserted::firstName,
                ContactUpserted::lastName).containsExactly("sealed.jana@example.com", "Jana", "Nováková");
        assertThat(opener.open(ticket.subject())).isEqualTo("Router installation for Jana");
        assertThat(upserted.region()).as("what is not personal stays clear").isEqualTo("CZ");
        assertThat(keyRecords).hasSize(1);
        assertThat(keyRecords.get(0).timestamp()).as("the key was on the topic before the first sealed event")
                .isLessThanOrEqualTo(published.get(0).timestamp());

        try (TopicProbe keys = kafka.openProbe(PulseloopPrivacyProperties.DEFAULT_TOPIC)) {
            kafka.publish(Topics.CRM_INBOUND, contactId,
                    CloudEvents.contactErased(CloudEvents.uniqueId("evt"), contactId, time.plusSeconds(2)));
            keys.awaitRecord(KafkaRecords.withKey(keyId).and(KafkaRecords.valueContaining("ERASED")), WAIT);
        }

        assertThat(opener.openAll(upserted)).extracting(ContactUpserted::email, ContactUpserted::firstName,
                ContactUpserted::lastName).containsOnlyNulls();
        assertThat(opener.open(ticket.subject())).isNull();
        Document key = mongo.getCollection(ContactKeyStore.COLLECTION).find(new Document("_id", keyId)).first();
        assertThat(key).containsEntry("erased", true).doesNotContainKey("wrappedKey");
    }

    private static CrmContactEvent read(ConsumerRecord<String, String> record) {
        return EventJson.mapper().readValue(record.value(), CrmContactEvent.class);
    }
}
