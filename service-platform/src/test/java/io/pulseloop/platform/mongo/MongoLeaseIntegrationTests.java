package io.pulseloop.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.time.MutableClock;
import io.pulseloop.testsupport.time.MutableClockConfiguration;

/** Two replicas (two owners) competing for leases on one database, time moved by a test clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure
@Import(MutableClockConfiguration.class)
class MongoLeaseIntegrationTests {

    static final Duration TTL = Duration.ofSeconds(30);

    @Autowired
    MongoLease leases;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Test
    void grantsANamedLeaseToOneReplicaUntilItExpiresThenToTheOther() {
        // given
        String name = "wave-" + UUID.randomUUID();
        Lease first = leases.acquire("leases", name, "replica-a", TTL).orElseThrow();

        // when another replica tries while it is held
        Optional<Lease> refused = leases.acquire("leases", name, "replica-b", TTL);
        clock.advance(TTL.plusSeconds(1));
        Lease takenOver = leases.acquire("leases", name, "replica-b", TTL).orElseThrow();

        // then
        assertThat(refused).isEmpty();
        assertThat(takenOver.owner()).isEqualTo("replica-b");
        assertThat(takenOver.token()).isGreaterThan(first.token());
        assertThat(leases.renew(first, TTL)).as("the former holder cannot renew").isEmpty();
        assertThat(leases.release(first)).as("nor release").isFalse();
        assertThat(leases.stillHeld(takenOver)).isTrue();
        assertThat(leases.acquire("leases", name, "replica-a", TTL)).isEmpty();
    }

    @Test
    void renewsAndReleasesItsOwnLease() {
        String name = "sweep-" + UUID.randomUUID();
        Lease lease = leases.acquire("leases", name, "replica-a", TTL).orElseThrow();

        clock.advance(Duration.ofSeconds(20));
        Lease renewed = leases.renew(lease, TTL).orElseThrow();
        clock.advance(Duration.ofSeconds(20));

        assertThat(renewed.token()).isEqualTo(lease.token());
        assertThat(leases.acquire("leases", name, "replica-b", TTL)).as("still held after the first TTL").isEmpty();
        assertThat(leases.release(renewed)).isTrue();
        assertThat(leases.acquire("leases", name, "replica-b", TTL)).as("free once released").isPresent();
    }

    @Test
    void leasesAFieldOfAnExistingDocumentOnly() {
        // given
        String id = "r-" + UUID.randomUUID();
        mongo.insert(new Document("_id", id).append("score", 9), "responses");

        // when
        Lease lease = leases.acquire("responses", id, "outboxLease", "replica-a", TTL).orElseThrow();
        Optional<Lease> refused = leases.acquire("responses", id, "outboxLease", "replica-b", TTL);
        clock.advance(TTL);
        Optional<Lease> takenOver = leases.acquire("responses", id, "outboxLease", "replica-b", TTL);

        // then
        assertThat(refused).isEmpty();
        assertThat(takenOver).map(Lease::owner).contains("replica-b");
        assertThat(takenOver.orElseThrow().token()).isEqualTo(lease.token() + 1);
        assertThat(mongo.findById(id, Document.class, "responses").getInteger("score")).isEqualTo(9);
        assertThat(leases.acquire("responses", "r-missing-" + id, "outboxLease", "replica-a", TTL)).isEmpty();
        assertThat(mongo.findById("r-missing-" + id, Document.class, "responses")).isNull();
    }
}
