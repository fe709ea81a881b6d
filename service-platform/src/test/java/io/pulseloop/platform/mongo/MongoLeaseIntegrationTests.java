package io.pulseloop.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;

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

    @Test
    void acquiresManyKeysAtOnceExclusivelyAndTakesOverOnlyExpiredOnes() {
        // given: replica a holds two of four keys
        String prefix = "contact-" + UUID.randomUUID() + "-";
        List<String> keys = IntStream.range(0, 4).mapToObj(i -> prefix + i).toList();
        List<Lease> held = leases.acquireAll("contact_locks", keys.subList(0, 2), "replica-a", TTL);

        // when replica b asks for all four, then again after a's leases expired
        List<Lease> some = leases.acquireAll("contact_locks", keys, "replica-b", TTL);
        clock.advance(TTL.plusSeconds(1));
        List<Lease> rest = leases.acquireAll("contact_locks", keys.subList(0, 2), "replica-c", TTL);

        // then
        assertThat(held).extracting(Lease::id).containsExactly(keys.get(0), keys.get(1));
        assertThat(some).extracting(Lease::id).containsExactly(keys.get(2), keys.get(3));
        assertThat(rest).extracting(Lease::owner).containsOnly("replica-c");
        assertThat(rest).extracting(Lease::token).containsOnly(2L);
        assertThat(leases.renew(held.get(0), TTL)).as("the former holder lost it").isEmpty();
    }

    @Test
    void releasingManyKeysDeletesOnlyTheLeasesStillHeld() {
        String prefix = "step-" + UUID.randomUUID() + "-";
        List<Lease> stale = leases.acquireAll("claims", List.of(prefix + 0, prefix + 1), "replica-a", TTL);
        clock.advance(TTL.plusSeconds(1));
        Lease takenOver = leases.acquireAll("claims", List.of(prefix + 1), "replica-b", TTL).get(0);

        leases.releaseAll(stale);

        assertThat(mongo.findById(prefix + 0, Document.class, "claims")).as("released: deleted").isNull();
        assertThat(mongo.findById(prefix + 1, Document.class, "claims")).as("another's: kept").isNotNull();
        assertThat(leases.stillHeld(takenOver)).isTrue();
    }

    @Test
    void twoReplicasClaimingDueDocumentsAtOnceNeverGetTheSameOne() {
        // given: twenty due documents and two not yet due
        String collection = "work-" + UUID.randomUUID();
        IntStream.range(0, 22).forEach(i -> mongo.insert(new Document("_id", "w-" + i)
                .append("dueAt", i < 20 ? 0 : Long.MAX_VALUE), collection));
        Criteria due = Criteria.where("dueAt").lte(0);

        // when two replicas claim batches of eight concurrently until nothing is left
        CompletableFuture<List<Object>> a = CompletableFuture.supplyAsync(() -> claimUntilEmpty(collection, due, "a"));
        CompletableFuture<List<Object>> b = CompletableFuture.supplyAsync(() -> claimUntilEmpty(collection, due, "b"));
        List<Object> byA = a.join();
        List<Object> byB = b.join();

        // then each due document was claimed exactly once (one replica may well have claimed them all)
        assertThat(byA).filteredOn(byB::contains).as("claimed by both").isEmpty();
        assertThat(byA.size() + byB.size()).isEqualTo(20);
        assertThat(leases.claimAll(collection, due, Sort.by("_id"), "lease", "c", TTL, 8)).isEmpty();
    }

    @Test
    void aClaimNobodyFinishedIsClaimedAgainOnceItsLeaseExpired() {
        String collection = "work-" + UUID.randomUUID();
        IntStream.range(0, 3).forEach(i -> mongo.insert(new Document("_id", "w-" + i).append("dueAt", 0), collection));
        Criteria due = Criteria.where("dueAt").lte(0);

        List<MongoLease.Leased> first = leases.claimAll(collection, due, Sort.by("_id"), "lease", "a", TTL, 2);
        Optional<MongoLease.Leased> third = leases.claimFirst(collection, due, Sort.by("_id"), "lease", "b", TTL);
        Optional<MongoLease.Leased> none = leases.claimFirst(collection, due, Sort.by("_id"), "lease", "b", TTL);
        clock.advance(TTL);
        List<MongoLease.Leased> again = leases.claimAll(collection, due, Sort.by("_id"), "lease", "b", TTL, 5);

        assertThat(first).extracting(leased -> leased.lease().id()).containsExactly("w-0", "w-1");
        assertThat(third).map(leased -> leased.lease().id()).contains("w-2");
        assertThat(none).isEmpty();
        assertThat(again).extracting(leased -> leased.lease().id()).containsExactly("w-0", "w-1", "w-2");
        assertThat(again.get(0).lease().token()).isEqualTo(first.get(0).lease().token() + 1);
        assertThat(mongo.exists(MongoLease.heldBy(first.get(0).lease()), collection)).isFalse();
    }

    private List<Object> claimUntilEmpty(String collection, Criteria due, String owner) {
        List<Object> claimed = new ArrayList<>();
        while (true) {
            List<MongoLease.Leased> batch = leases.claimAll(collection, due, Sort.by("_id"), "lease", owner, TTL, 8);
            if (batch.isEmpty()) {
                return claimed;
            }
            batch.forEach(leased -> claimed.add(leased.lease().id()));
        }
    }
}
