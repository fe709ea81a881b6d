package io.pulseloop.survey.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.Mails;
import io.pulseloop.survey.Replicas;
import io.pulseloop.survey.SharedSmtp;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.invitations.InvitationDocument;
import io.pulseloop.survey.invitations.InvitationPlanner;
import io.pulseloop.survey.invitations.InvitationStatus;
import io.pulseloop.survey.invitations.InvitationStore;
import io.pulseloop.survey.invitations.Trigger;
import io.pulseloop.survey.policy.DecisionKind;
import io.pulseloop.testsupport.time.MutableClock;

/**
 * Durable scheduling across restarts and replicas: instances of the service started by the test share one MongoDB
 * database (as replicas of one deployment do) and one test clock.
 */
class SchedulerReplicasIntegrationTests {

    /** Tuesday 09:30 UTC: within sending hours in Prague, also 24 hours later. */
    private static final Instant TUESDAY = Instant.parse("2027-03-02T09:30:00Z");

    @Test
    void aRestartBeforeTheDueTimeStillSendsOnceAndALeaseOfADeadReplicaIsTakenOver() throws Exception {
        MutableClock clock = MutableClock.at(TUESDAY);
        String database = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String first = CrmEvents.newContactId("restart");
        String second = CrmEvents.newContactId("restart");

        // given two sends planned for tomorrow by an instance that is then stopped
        try (ConfigurableApplicationContext before = start(database, clock)) {
            plan(before, first, clock.instant());
            plan(before, second, clock.instant());
        }
        clock.advance(Duration.ofHours(24));

        // when a new instance claims one of them and dies while holding the lease
        String held;
        try (ConfigurableApplicationContext dying = start(database, clock)) {
            List<InvitationDocument> claimed = dying.getBean(InvitationStore.class).claimDue(clock.instant(),
                    "dying-replica", Duration.ofMinutes(2), 1);
            assertThat(claimed).hasSize(1);
            held = claimed.get(0).contactId();
        }
        String free = held.equals(first) ? second : first;

        // then the next instance sends the free one at once, the held one only once the lease ran out; each once
        try (ConfigurableApplicationContext after = start(database, clock)) {
            DueWorkScheduler scheduler = after.getBean(DueWorkScheduler.class);
            assertThat(scheduler.tick()).isEqualTo(1);
            awaitMails(free, 1);
            assertThat(mails(held)).isEmpty();
            clock.advance(Duration.ofMinutes(2));
            assertThat(scheduler.tick()).isEqualTo(1);
            awaitMails(held, 1);
            scheduler.tick();
            clock.advance(Duration.ofHours(1));
            scheduler.tick();
            assertThat(mails(first)).hasSize(1);
            assertThat(mails(second)).hasSize(1);
        }
    }

    @Test
    void twoInstancesTickingTogetherSendEveryInvitationExactlyOnce() throws Exception {
        MutableClock clock = MutableClock.at(TUESDAY.plus(Duration.ofDays(7)));
        String database = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> contacts = new ArrayList<>();
        try (ConfigurableApplicationContext one = start(database, clock, "pulseloop.survey.scheduling.batch-size=5");
                ConfigurableApplicationContext two = start(database, clock,
                        "pulseloop.survey.scheduling.batch-size=5")) {
            for (int i = 0; i < 40; i++) {
                String contactId = CrmEvents.newContactId("replica");
                contacts.add(contactId);
                plan((i % 2 == 0) ? one : two, contactId, clock.instant());
            }
            clock.advance(Duration.ofHours(24));

            // when both instances tick at the same time, two threads each
            List<DueWorkScheduler> schedulers = List.of(one.getBean(DueWorkScheduler.class),
                    one.getBean(DueWorkScheduler.class), two.getBean(DueWorkScheduler.class),
                    two.getBean(DueWorkScheduler.class));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(schedulers.size());
            List<Future<Integer>> processed = new ArrayList<>();
            for (DueWorkScheduler scheduler : schedulers) {
                processed.add(threads.submit(() -> {
                    go.await();
                    int total = 0;
                    for (int ticks = 0; ticks < 50; ticks++) {
                        total += scheduler.tick();
                    }
                    return total;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> result : processed) {
                total += result.get(2, TimeUnit.MINUTES);
            }
            threads.shutdown();

            // then every invitation was carried out once, by one of them, and mailed once
            assertThat(total).isEqualTo(40);
            InvitationStore store = one.getBean(InvitationStore.class);
            for (String contactId : contacts) {
                awaitMails(contactId, 1);
                List<InvitationDocument> invitations = store.forContact(contactId);
                assertThat(invitations).singleElement().extracting(InvitationDocument::status)
                        .isEqualTo(InvitationStatus.SENT);
                assertThat(invitations.get(0).decisions()).filteredOn(d -> d.kind() == DecisionKind.INVITED)
                        .hasSize(1);
            }
            one.getBean(DueWorkScheduler.class).tick();
            two.getBean(DueWorkScheduler.class).tick();
            contacts.forEach(contactId -> assertThat(mails(contactId)).hasSize(1));
        }
    }

    private static ConfigurableApplicationContext start(String database, MutableClock clock, String... properties) {
        return Replicas.start(database, SharedSmtp.SERVER.port(), clock, properties);
    }

    private static void plan(ConfigurableApplicationContext context, String contactId, Instant at) {
        context.getBean(ContactDirectory.class).upsert(CrmEvents.contact(contactId, "en", at));
        context.getBean(InvitationPlanner.class).plan(List.of(Trigger.of(CrmEvents.ticketClosed(contactId,
                "T-" + contactId, at))));
    }

    private static List<?> mails(String contactId) {
        return Mails.to(SharedSmtp.SERVER.receivedMessages(), CrmEvents.emailOf(contactId));
    }

    private static void awaitMails(String contactId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mails(contactId).size() >= count);
    }
}
