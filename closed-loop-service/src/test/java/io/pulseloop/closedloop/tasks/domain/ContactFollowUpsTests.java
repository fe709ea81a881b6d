package io.pulseloop.closedloop.tasks.domain;

import static io.pulseloop.closedloop.tasks.domain.WorkingCalendarTests.prague;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pulseloop.closedloop.tasks.domain.TaskChange.Kind;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.survey.Metric;

class ContactFollowUpsTests {

    private static final Instant TUESDAY = prague(2026, 11, 24, 10, 0);

    private final FollowUpPolicy policy = Calendars.policy();
    private final ContactFollowUps contact = new ContactFollowUps("c-1");

    @Test
    void opensOneTaskForADetractorWithDueTimeAndAssignee() {
        List<TaskChange> changes = contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.KEY), policy, TUESDAY);

        assertThat(changes).extracting(TaskChange::kind).containsExactly(Kind.OPENED);
        FollowUpTask task = contact.getTasks().get(0);
        assertThat(task.getId()).isEqualTo("c-1:DETRACTOR:1");
        assertThat(task.getStatus()).isEqualTo(TaskStatus.OPEN);
        assertThat(task.getPriority()).isEqualTo(Priority.URGENT);
        assertThat(task.getAssigneeId()).isEqualTo("owner-1");
        assertThat(task.getDueAt()).isEqualTo(prague(2026, 11, 24, 14, 0));
        assertThat(changes.get(0).openTasks()).isEqualTo(1);
        assertThat(changes.get(0).marketingPaused()).isTrue();
    }

    @Test
    void ignoresARedeliveredScore() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);

        for (int i = 0; i < 10; i++) {
            assertThat(contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY)).isEmpty();
        }
        assertThat(contact.getTasks()).hasSize(1);
        assertThat(contact.getOutbox()).hasSize(1);
    }

    @Test
    void updatesTheOpenTaskInsteadOfOpeningAnother() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);

        List<TaskChange> changes = contact.applyScore(nps("e2", "r2", 1, 5, AccountTier.STANDARD), policy, TUESDAY);

        assertThat(changes).extracting(TaskChange::kind).containsExactly(Kind.UPDATED);
        assertThat(contact.getTasks()).singleElement().satisfies(task -> {
            assertThat(task.getScore()).isEqualTo(5);
            assertThat(task.getResponseId()).isEqualTo("r2");
        });
    }

    @Test
    void cancelsTheTaskWhenARevisionLeavesTheBand() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);

        List<TaskChange> changes = contact.applyScore(nps("e2", "r1", 2, 9, AccountTier.STANDARD), policy, TUESDAY);

        assertThat(changes).extracting(TaskChange::kind).containsExactly(Kind.CANCELLED);
        assertThat(contact.getTasks().get(0).getStatus()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(changes.get(0).openTasks()).isZero();
        assertThat(changes.get(0).marketingPaused()).isFalse();
    }

    @Test
    void ignoresAnOlderRevisionArrivingLate() {
        contact.applyScore(nps("e2", "r1", 2, 4, AccountTier.STANDARD), policy, TUESDAY);

        assertThat(contact.applyScore(nps("e1", "r1", 1, 9, AccountTier.STANDARD), policy, TUESDAY)).isEmpty();
        assertThat(contact.getTasks().get(0).getScore()).isEqualTo(4);
    }

    @Test
    void opensANewGenerationAfterTheTaskClosed() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);
        contact.resolve("c-1:DETRACTOR:1", "owner-1", "BILLING", "refunded", true, policy, TUESDAY);

        contact.applyScore(nps("e2", "r2", 1, 2, AccountTier.STANDARD), policy, TUESDAY);

        assertThat(contact.getTasks()).extracting(FollowUpTask::getId)
                .containsExactly("c-1:DETRACTOR:1", "c-1:DETRACTOR:2");
    }

    @Test
    void opensAReferralTaskOnlyForAPromoterWhoAgreedToMarketing() {
        contact.applyScore(score("e1", "r1", 1, Metric.NPS, 10, false), policy, TUESDAY);
        assertThat(contact.getTasks()).isEmpty();

        contact.applyScore(score("e2", "r2", 1, Metric.NPS, 10, true), policy, TUESDAY);
        assertThat(contact.getTasks()).singleElement().satisfies(task -> {
            assertThat(task.getReason()).isEqualTo(TaskReason.PROMOTER_REFERRAL);
            assertThat(task.getPriority()).isEqualTo(Priority.LOW);
        });
    }

    @Test
    void opensHighEffortAndLowCsatTasksSideBySide() {
        contact.applyScore(score("e1", "r1", 1, Metric.CES, 2, false), policy, TUESDAY);
        contact.applyScore(score("e2", "r2", 1, Metric.CSAT, 1, false), policy, TUESDAY);

        assertThat(contact.getTasks()).extracting(FollowUpTask::getReason)
                .containsExactly(TaskReason.HIGH_EFFORT, TaskReason.LOW_CSAT);
        assertThat(contact.marketingPaused()).isTrue();
    }

    @Test
    void opensAHighChurnRiskTaskOnceForASignal() {
        SignalFacts signal = new SignalFacts("s1", TUESDAY, "corr", "acc-1", "Acme", AccountTier.KEY, "owner-1", 3,
                "two detractors", "Jana", "cs");

        contact.applyChurnRisk(signal, policy, TUESDAY);
        contact.applyChurnRisk(signal, policy, TUESDAY);

        assertThat(contact.getTasks()).singleElement().satisfies(task -> {
            assertThat(task.getReason()).isEqualTo(TaskReason.CHURN_RISK);
            assertThat(task.getPriority()).isEqualTo(Priority.HIGH);
            assertThat(task.getDueAt()).isEqualTo(prague(2026, 11, 25, 10, 0));
        });
    }

    @Test
    void schedulesTheNextAttemptAndEndsUnreachableAfterMaxAttempts() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);
        String id = "c-1:DETRACTOR:1";

        contact.logAttempt(id, "owner-1", false, "voicemail", policy, TUESDAY);
        FollowUpTask task = contact.task(id).orElseThrow();
        assertThat(task.getStatus()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(task.getNextAttemptAt()).isEqualTo(prague(2026, 11, 25, 8, 0));

        contact.logAttempt(id, "owner-1", false, null, policy, prague(2026, 11, 25, 9, 0));
        List<TaskChange> third = contact.logAttempt(id, "owner-1", false, null, policy, prague(2026, 11, 26, 9, 0));

        assertThat(third).extracting(TaskChange::kind).containsExactly(Kind.ATTEMPTED, Kind.UNREACHABLE);
        assertThat(contact.task(id).orElseThrow().getStatus()).isEqualTo(TaskStatus.UNREACHABLE);
        assertThat(contact.task(id).orElseThrow().getNextAttemptAt()).isNull();
        assertThatThrownBy(() -> contact.logAttempt(id, "owner-1", false, null, policy, TUESDAY))
                .isInstanceOf(TaskConflictException.class);
    }

    @Test
    void movesToInProgressOnAReachedAttempt() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);

        contact.logAttempt("c-1:DETRACTOR:1", "owner-1", true, "talked", policy, TUESDAY);

        FollowUpTask task = contact.task("c-1:DETRACTOR:1").orElseThrow();
        assertThat(task.getStatus()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(task.getAttempts()).containsExactly(new Attempt(TUESDAY, "owner-1", true, "talked"));
    }

    @Test
    void resolvesOnceWithAConfiguredRootCause() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);
        String id = "c-1:DETRACTOR:1";

        assertThatThrownBy(() -> contact.resolve(id, "owner-1", "WEATHER", null, null, policy, TUESDAY))
                .isInstanceOfSatisfying(InvalidResolutionException.class,
                        e -> assertThat(e.field()).isEqualTo("rootCause"));
        contact.resolve(id, "owner-1", "BILLING", "refund", true, policy, TUESDAY);

        FollowUpTask task = contact.task(id).orElseThrow();
        assertThat(task.getStatus()).isEqualTo(TaskStatus.RESOLVED);
        assertThat(task.getRootCause()).isEqualTo("BILLING");
        assertThat(task.getRecovered()).isTrue();
        assertThat(task.getResolvedAt()).isEqualTo(TUESDAY);
        assertThatThrownBy(() -> contact.resolve(id, "owner-1", "BILLING", null, null, policy, TUESDAY))
                .isInstanceOf(TaskConflictException.class);
    }

    @Test
    void escalatesAnOverdueOpenTaskOnceAndNeverAClosedOne() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);
        contact.applyScore(score("e2", "r2", 1, Metric.CSAT, 1, false), policy, TUESDAY);
        contact.resolve("c-1:LOW_CSAT:1", "owner-1", "BILLING", null, null, policy, TUESDAY);
        Instant late = TUESDAY.plus(Duration.ofDays(10));

        assertThat(contact.escalate("c-1:DETRACTOR:1", "boss", TUESDAY)).isEmpty();
        assertThat(contact.escalate("c-1:DETRACTOR:1", "boss", late)).extracting(TaskChange::kind)
                .containsExactly(Kind.ESCALATED);
        assertThat(contact.escalate("c-1:DETRACTOR:1", "boss", late)).isEmpty();
        assertThat(contact.escalate("c-1:LOW_CSAT:1", "boss", late)).isEmpty();
        assertThat(contact.task("c-1:DETRACTOR:1").orElseThrow().getEscalatedToId()).isEqualTo("boss");
    }

    @Test
    void remindsOncePerScheduledAttempt() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);
        contact.logAttempt("c-1:DETRACTOR:1", "owner-1", false, null, policy, TUESDAY);

        assertThat(contact.remindIfDue("c-1:DETRACTOR:1", TUESDAY)).isEmpty();
        Instant next = prague(2026, 11, 25, 8, 0);
        assertThat(contact.remindIfDue("c-1:DETRACTOR:1", next)).extracting(TaskChange::kind)
                .containsExactly(Kind.REMINDER_DUE);
        assertThat(contact.remindIfDue("c-1:DETRACTOR:1", next.plusSeconds(60))).isEmpty();
    }

    @Test
    void erasureCancelsOpenTasksAndForgetsNamesAndComments() {
        contact.applyScore(nps("e1", "r1", 1, 3, AccountTier.STANDARD), policy, TUESDAY);
        contact.applyScore(score("e2", "r2", 1, Metric.CSAT, 1, false), policy, TUESDAY);
        contact.resolve("c-1:LOW_CSAT:1", "owner-1", "BILLING", "said her name", null, policy, TUESDAY);

        List<TaskChange> changes = contact.erase(TUESDAY);

        assertThat(changes).extracting(TaskChange::kind).containsExactly(Kind.CANCELLED);
        assertThat(contact.getTasks()).hasSize(2).allSatisfy(task -> {
            assertThat(task.getComment()).isNull();
            assertThat(task.getContactName()).isNull();
            assertThat(task.getResolutionNote()).isNull();
            assertThat(task.getScore()).isNotNull();
        });
        assertThat(contact.applyScore(nps("e3", "r3", 1, 1, AccountTier.STANDARD), policy, TUESDAY)).isEmpty();
    }

    @Test
    void readsTheContactIdBackFromATaskId() {
        assertThat(FollowUpTask.contactIdOf("c:with:colons:DETRACTOR:3")).isEqualTo("c:with:colons");
        assertThat(FollowUpTask.contactIdOf("nonsense")).isNull();
    }

    private static ScoreFacts nps(String eventId, String responseId, int revision, int score, AccountTier tier) {
        return new ScoreFacts(eventId, TUESDAY, "corr", responseId, revision, "nps-1", Metric.NPS, score,
                "slow <b>support</b>", "cs", "acc-1", "Acme", tier, "owner-1", "repair", "tech-1", "Jana Nováková",
                false);
    }

    private static ScoreFacts score(String eventId, String responseId, int revision, Metric metric, int score,
            boolean consent) {
        return new ScoreFacts(eventId, TUESDAY, "corr", responseId, revision, "s-1", metric, score, "ok", "en",
                "acc-1", "Acme", AccountTier.STANDARD, "owner-1", null, null, "Jana", consent);
    }
}
