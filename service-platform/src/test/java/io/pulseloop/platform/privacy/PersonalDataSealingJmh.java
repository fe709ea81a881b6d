package io.pulseloop.platform.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.Consent;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CustomerStatus;

/**
 * The CPU cost of personal-data sealing (docs/privacy.md) once the contact's data key is known: crm-sync sealing a
 * contact upsert's three personal fields (AES-256-GCM each, a fresh nonce from {@code SecureRandom}, base64url), a
 * consumer opening them all ({@link PersonalDataOpener#openAll}, reflection over the record's components), and the
 * CPU part of a new contact's key (generated and wrapped with the key-encryption key). Not here: the MongoDB insert and
 * the Kafka acknowledgement of a new key, and the MongoDB lookup on a key-cache miss. This benchmark sits in the
 * privacy package because {@code Sealing} is only made by the sealer. Run with {@code -Pjmh} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PersonalDataSealingJmh {

    private static final String CONTACT = "c-42";

    private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.LOCAL_DEVELOPMENT_KEK);
    private final PersonalDataSealer sealer = new PersonalDataSealer("crm-sync", null, kek, null, "privacy.keys.v1",
            Clock.systemUTC());

    private PersonalDataSealer.Sealing sealing;
    private PersonalDataOpener opener;
    private ContactUpserted sealedContact;

    @Setup
    public void setUp() {
        SecretKey key = Aes.newKey();
        sealing = sealer.new Sealing(Map.of(CONTACT, key), List.of());
        // a key cache that already holds the contact's key: no MongoDB behind it is ever asked
        ContactKeyStore store = new ContactKeyStore(null, kek, Clock.systemUTC(), 1_000);
        store.remember(sealer.keyIdOf(CONTACT), key);
        opener = new PersonalDataOpener(store, Duration.ZERO);
        sealedContact = sealContactUpserted();
        ContactUpserted opened = openContactUpserted();
        if (!"jana.novakova@example.cz".equals(opened.email()) || !SealedField.isSealed(sealedContact.email())) {
            throw new IllegalStateException("the sample contact does not seal and open");
        }
    }

    /** One field: what a ticket's subject costs. */
    @Benchmark
    public String sealOneField() {
        return sealing.seal(CONTACT, "jana.novakova@example.cz");
    }

    /** A contact upsert as crm-sync publishes it: email, first and last name sealed. */
    @Benchmark
    public ContactUpserted sealContactUpserted() {
        return new ContactUpserted("6f1c2a0e-3d1b-3c55-9a51-2d8f0e1b7c42", Instant.EPOCH, CONTACT,
                "6f1c2a0e-3d1b-3c55-9a51-2d8f0e1b7c42", "crm://acme-hubspot", "evt-c-42",
                sealing.seal(CONTACT, "jana.novakova@example.cz"), sealing.seal(CONTACT, "Jana"),
                sealing.seal(CONTACT, "Nováková"), "a-42", "Acme CZ s.r.o.", AccountTier.KEY, "CEE", "Brno", "o-7",
                "cs", "Europe/Prague", CustomerStatus.CUSTOMER, new Consent(true, false), false);
    }

    /** A consumer's side: every sealed field of the contact upsert opened, the key from the cache. */
    @Benchmark
    public ContactUpserted openContactUpserted() {
        return opener.openAll(sealedContact);
    }

    /** A contact seen for the first time: its data key generated and wrapped (then stored and published, not here). */
    @Benchmark
    public String newContactKey() {
        return kek.wrap(sealer.keyIdOf(CONTACT), Aes.newKey());
    }
}
