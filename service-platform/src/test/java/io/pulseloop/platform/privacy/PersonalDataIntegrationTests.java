package io.pulseloop.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.UnreadableEventException;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/**
 * The sealer of one authority and the opener of its readers against the real broker and MongoDB server: round trip,
 * tampering, erasure, a key not received yet, and a second service (its own database) that learns the keys and their
 * erasure from the topic alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "pulseloop.pii.enabled=true",
    "pulseloop.pii.authority=test-authority",
    "pulseloop.pii.key-wait=300ms",
    "pulseloop.pii.partitions=2"
})
@RealInfrastructure
class PersonalDataIntegrationTests {

    record Contact(String contactId, String email, String firstName, int score, Map<String, String> answers,
            List<String> notes, Nested nested) {
    }

    record Nested(String comment) {
    }

    static KafkaTestClient kafka;

    @Autowired
    PersonalDataSealer sealer;

    @Autowired
    PersonalDataOpener opener;

    @Autowired
    KeyEncryptionKey kek;

    @Autowired
    MongoClient client;

    @Autowired
    EventPublisher publisher;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forSharedInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void sealsWithAKeyThatIsOnTheTopicBeforeAndOpensToTheClearText() {
        String contactId = "c-" + UUID.randomUUID();

        String sealed = sealer.seal(contactId, "jana.novakova@example.com");

        assertThat(sealed).startsWith("pii:v1:test-authority/" + contactId + ":")
                .doesNotContain("jana").doesNotContain("example.com");
        assertThat(kafka.readTopic(PulseloopPrivacyProperties.DEFAULT_TOPIC, "test-authority/" + contactId))
                .as("the key record was acknowledged before the field was sealed").hasSize(1)
                .first().extracting(ConsumerRecord::value).asString().contains("ACTIVE");
        assertThat(opener.open(sealed)).isEqualTo("jana.novakova@example.com");
        assertThat(opener.open("not sealed")).isEqualTo("not sealed");
    }

    @Test
    void opensEverySealedValueOfAnEventAndLeavesTheRestAsItIs() {
        String contactId = "c-" + UUID.randomUUID();
        PersonalDataSealer.Sealing sealing = sealer.prepare(List.of(contactId));
        Contact sealed = new Contact(contactId, sealing.seal(contactId, "a@example.com"), sealing.seal(contactId, "Jana"),
                9, sealing.sealValues(contactId, Map.of("why", "slow support")), List.of(sealing.seal(contactId, "n")),
                new Nested(sealing.seal(contactId, "Pomalá podpora")));

        Contact opened = opener.openAll(sealed);

        assertThat(opened).isEqualTo(new Contact(contactId, "a@example.com", "Jana", 9, Map.of("why", "slow support"),
                List.of("n"), new Nested("Pomalá podpora")));
        Contact clear = new Contact(contactId, "x", null, 1, null, List.of(), null);
        assertThat(opener.openAll(clear)).isSameAs(clear);
    }

    @Test
    void aTamperedFieldIsUnreadableAndNotRetried() {
        String contactId = "c-" + UUID.randomUUID();
        String sealed = sealer.seal(contactId, "Novák");
        char last = sealed.charAt(sealed.length() - 5);
        String tampered = sealed.substring(0, sealed.length() - 5) + (last == 'A' ? 'B' : 'A') + sealed.substring(
                sealed.length() - 4);
        String swapped = sealed.replace(contactId, "c-" + UUID.randomUUID());

        assertThatThrownBy(() -> opener.open(tampered)).isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("does not open with its key");
        assertThatThrownBy(() -> opener.open("pii:v1:test-authority/" + contactId + ":%%%"))
                .isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> opener.open(swapped)).as("another contact's key id: not received, retryable")
                .isInstanceOf(ContactKeyUnavailableException.class);
    }

    @Test
    void afterErasureEveryFieldSealedWithTheKeyIsAbsentAndNothingNewIsSealed() {
        String contactId = "c-" + UUID.randomUUID();
        PersonalDataSealer.Sealing sealing = sealer.prepare(List.of(contactId));
        Contact sealed = new Contact(contactId, sealing.seal(contactId, "b@example.com"), sealing.seal(contactId, "Petr"),
                3, sealing.sealValues(contactId, Map.of("why", "rude")), List.of(), new Nested(sealing.seal(contactId,
                        "Never again")));

        sealer.erase(contactId);

        assertThat(opener.open(sealed.email())).isNull();
        assertThat(opener.openAll(sealed)).isEqualTo(new Contact(contactId, null, null, 3, Map.of(), List.of(),
                new Nested(null)));
        assertThat(sealer.seal(contactId, "again@example.com")).as("an erased contact's data is not published").isNull();
        List<ConsumerRecord<String, String>> records = kafka.readTopic(PulseloopPrivacyProperties.DEFAULT_TOPIC,
                "test-authority/" + contactId);
        assertThat(records.get(records.size() - 1).value()).contains("ERASED").doesNotContain("wrappedKey\":\"");
    }

    @Test
    void aKeyThatHasNotArrivedIsRetryable() {
        String unknown = SealedField.format("other-authority/c-" + UUID.randomUUID(), new byte[40]);

        assertThatThrownBy(() -> opener.open(unknown)).isInstanceOf(ContactKeyUnavailableException.class)
                .hasMessageContaining("other-authority/");
    }

    @Test
    void anotherServiceLearnsTheKeysAndTheirErasureFromTheTopicAlone() {
        String kept = "c-" + UUID.randomUUID();
        String erased = "c-" + UUID.randomUUID();
        PersonalDataSealer.Sealing sealing = sealer.prepare(List.of(kept, erased));
        String keptEmail = sealing.seal(kept, "kept@example.com");
        String erasedEmail = sealing.seal(erased, "erased@example.com");
        sealer.erase(erased);
        // a reader with its own database, fed by the topic from the beginning
        ContactKeyStore readerStore = new ContactKeyStore(new MongoTemplate(client, "reader-" + UUID.randomUUID()),
                kek, Clock.systemUTC(), 100);
        ContactKeyListener listener = new ContactKeyListener(readerStore);
        PersonalDataOpener reader = new PersonalDataOpener(readerStore, Duration.ZERO);
        assertThatThrownBy(() -> reader.open(keptEmail)).isInstanceOf(ContactKeyUnavailableException.class);

        listener.onMessage(kafka.readTopic(PulseloopPrivacyProperties.DEFAULT_TOPIC).stream()
                .map(record -> new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                        record.value() == null ? null : record.value().getBytes()))
                .toList());

        assertThat(reader.open(keptEmail)).isEqualTo("kept@example.com");
        assertThat(reader.open(erasedEmail)).isNull();
        Document copy = readerStore.ownDocuments(List.of("test-authority/" + erased)).get("test-authority/" + erased);
        assertThat(copy).containsEntry("erased", true).doesNotContainKey("wrappedKey");
    }

    @Test
    void aReplayedKeyRecordNeverRevivesAKeyTheReaderHasSeenErased() {
        String contact = "c-" + UUID.randomUUID();
        String email = sealer.prepare(List.of(contact)).seal(contact, "replayed@example.com");
        sealer.erase(contact);
        List<ConsumerRecord<String, byte[]>> records = kafka.readTopic(PulseloopPrivacyProperties.DEFAULT_TOPIC)
                .stream().filter(record -> record.key().equals("test-authority/" + contact))
                .map(record -> new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                        record.value() == null ? null : record.value().getBytes()))
                .toList();
        assertThat(records).hasSize(2); // the key, then the ERASED marker
        MongoTemplate readerDatabase = new MongoTemplate(client, "reader-" + UUID.randomUUID());
        ContactKeyListener listener = new ContactKeyListener(
                new ContactKeyStore(readerDatabase, kek, Clock.systemUTC(), 100));
        listener.onMessage(records);

        // a new replica (an empty cache) reads the key record once more, as a consumer group rewound before compaction
        ContactKeyStore restarted = new ContactKeyStore(readerDatabase, kek, Clock.systemUTC(), 100);
        new ContactKeyListener(restarted).onMessage(List.of(records.get(0)));

        assertThat(new PersonalDataOpener(restarted, Duration.ZERO).open(email)).isNull();
        assertThat(restarted.ownDocuments(List.of("test-authority/" + contact)).get("test-authority/" + contact)).containsEntry("erased", true)
                .doesNotContainKey("wrappedKey");
    }

    @Test
    void twoReplicasPreparingTheSameNewContactsAtOnceSealWithTheSameKeys() throws Exception {
        List<String> contacts = IntStream.range(0, 200).mapToObj(i -> "c-" + UUID.randomUUID())
                .toList();
        MongoTemplate shared = new MongoTemplate(client, "authority-" + UUID.randomUUID());
        PersonalDataSealer first = replicaOf(shared);
        PersonalDataSealer second = replicaOf(shared);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<PersonalDataSealer.Sealing> a = pool.submit(() -> first.prepare(contacts));
            Future<PersonalDataSealer.Sealing> b = pool.submit(() -> second.prepare(contacts));
            PersonalDataSealer.Sealing sealingA = a.get();
            PersonalDataSealer.Sealing sealingB = b.get();
            PersonalDataOpener openerOfA = new PersonalDataOpener(storeOf(shared), Duration.ZERO);
            for (String contact : contacts) {
                // a field sealed by either replica opens with the one key the database holds
                assertThat(openerOfA.open(sealingA.seal(contact, "a-" + contact))).isEqualTo("a-" + contact);
                assertThat(openerOfA.open(sealingB.seal(contact, "b-" + contact))).isEqualTo("b-" + contact);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.getCollection(ContactKeyStore.COLLECTION).countDocuments(
                new Document("publishedAt", new Document("$exists", true)))).isEqualTo(contacts.size());
    }

    private PersonalDataSealer replicaOf(MongoTemplate database) {
        return new PersonalDataSealer("race-authority", storeOf(database), kek,
                publisher, PulseloopPrivacyProperties.DEFAULT_TOPIC,
                Clock.systemUTC());
    }

    private ContactKeyStore storeOf(MongoTemplate database) {
        return new ContactKeyStore(database, kek, Clock.systemUTC(), 1000);
    }
}
