package io.pulseloop.survey.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.events.survey.InvitationReminded;
import io.pulseloop.events.survey.InvitationScheduled;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.InvitationSuppressed;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.definitions.DefaultSurveys;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.policy.DecisionKind;
import io.pulseloop.survey.policy.Verdict;

class InvitationStateMachineTests {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));

    private final InvitationStateMachine machine = new InvitationStateMachine(new InvitationStateMachine.Settings(
            Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(7), true, Duration.ofDays(3)));
    private final SurveyDefinition csat = DefaultSurveys.all(NOW).get(0);

    @Test
    void aDeliveredInvitationKeepsItsSealedTokenForTheReminderDueLater() {
        InvitationStep.Sent sent = machine.delivered(planned(), "hash", "sealed", EXPIRES, "cs", csat, NOW);
        assertThat(sent.next()).isEqualTo(NextAction.REMIND);
        assertThat(sent.nextAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(sent.sealedToken()).isEqualTo("sealed");
        assertThat(sent.decision().kind()).isEqualTo(DecisionKind.INVITED);
        assertThat(sent.decision().detail()).contains("email sent in cs").contains(EXPIRES.toString());
        assertThat(sent.events()).singleElement().isInstanceOf(InvitationSent.class);
    }

    @Test
    void aDeliveredInvitationWhoseLinkExpiresBeforeTheReminderGoesStraightToExpiryAndKeepsNoToken() {
        Instant soon = NOW.plus(Duration.ofDays(2));
        InvitationStep.Sent sent = machine.delivered(planned(), "hash", "sealed", soon, "en", csat, NOW);
        assertThat(sent.next()).isEqualTo(NextAction.EXPIRE);
        assertThat(sent.nextAt()).isEqualTo(soon);
        assertThat(sent.sealedToken()).isNull();

        InvitationStateMachine noReminders = new InvitationStateMachine(new InvitationStateMachine.Settings(
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(7), false, Duration.ofDays(3)));
        assertThat(noReminders.delivered(planned(), "hash", "sealed", EXPIRES, "en", csat, NOW).next())
                .isEqualTo(NextAction.EXPIRE);
    }

    @Test
    void aFailedSendIsRetriedWithADoublingBackoffUpToTheMaximum() {
        InvitationStep first = machine.failed(planned(), false, "421 try later", NOW);
        assertThat(first).isInstanceOfSatisfying(InvitationStep.RetryScheduled.class, retry -> {
            assertThat(retry.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
            assertThat(retry.attempts()).isEqualTo(1);
            assertThat(retry.firstAttemptAt()).isEqualTo(NOW);
            assertThat(retry.action()).isEqualTo(NextAction.SEND);
            assertThat(retry.decision().kind()).isEqualTo(DecisionKind.DELAYED);
            assertThat(retry.decision().rule()).isEqualTo("SEND_FAILED");
        });
        assertThat(machine.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(machine.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(machine.backoff(20)).isEqualTo(Duration.ofHours(1));
        InvitationStep third = machine.failed(failing(2, NOW.minus(Duration.ofMinutes(3))), false, "421", NOW);
        assertThat(((InvitationStep.RetryScheduled) third).retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(((InvitationStep.RetryScheduled) third).firstAttemptAt())
                .isEqualTo(NOW.minus(Duration.ofMinutes(3)));
    }

    @Test
    void aSendFailingForLongerThanGiveUpAfterIsGivenUp() {
        InvitationStep step = machine.failed(failing(30, NOW.minus(Duration.ofDays(7))), false, "550 no", NOW);
        assertThat(step).isInstanceOfSatisfying(InvitationStep.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(31);
            assertThat(gaveUp.decision().kind()).isEqualTo(DecisionKind.FAILED);
            assertThat(gaveUp.decision().detail()).contains("gave up after 31 attempts").contains("550 no");
        });
    }

    @Test
    void aReminderFailingUntilTheLinkExpiresIsCancelledNotGivenUp() {
        InvitationDocument sent = sent(NOW.plus(Duration.ofSeconds(30)), null);
        InvitationStep step = machine.failed(sent, true, "421", NOW);
        assertThat(step).isInstanceOfSatisfying(InvitationStep.ReminderCancelled.class, cancelled -> {
            assertThat(cancelled.expiresAt()).isEqualTo(sent.expiresAt());
            assertThat(cancelled.decision().kind()).isEqualTo(DecisionKind.REMINDER_CANCELLED);
        });
        assertThat(machine.failed(sent(EXPIRES, null), true, "421", NOW))
                .isInstanceOfSatisfying(InvitationStep.RetryScheduled.class,
                        retry -> assertThat(retry.action()).isEqualTo(NextAction.REMIND));
    }

    @Test
    void aDueSendOutsideTheSendingHoursWaitsAndIsRescheduled() {
        Instant monday = NOW.plus(Duration.ofDays(6));
        Optional<InvitationStep> step = machine.beforeSend(planned(), new Verdict.Wait(monday, "outside"), NOW);
        assertThat(step).get().isInstanceOfSatisfying(InvitationStep.Delayed.class, delayed -> {
            assertThat(delayed.action()).isEqualTo(NextAction.SEND);
            assertThat(delayed.until()).isEqualTo(monday);
            assertThat(delayed.decision().rule()).isEqualTo("QUIET_HOURS");
            assertThat(delayed.events()).singleElement().isInstanceOf(InvitationScheduled.class);
        });
        assertThat(machine.beforeSend(planned(), new Verdict.Proceed(NOW, null), NOW)).isEmpty();
    }

    @Test
    void aDueSendThePolicyRefusesIsSuppressedWithItsRule() {
        Optional<InvitationStep> step = machine.beforeSend(planned(), new Verdict.Suppress(
                SuppressionReason.DO_NOT_CONTACT, "the CRM says so"), NOW);
        assertThat(step).get().isInstanceOfSatisfying(InvitationStep.Suppressed.class, suppressed -> {
            assertThat(suppressed.decision().rule()).isEqualTo("DO_NOT_CONTACT");
            assertThat(suppressed.events()).singleElement().isInstanceOf(InvitationSuppressed.class);
        });
    }

    @Test
    void aReminderIsCancelledWhenAnsweredRefusedOrItsLinkIsGoneAndExpiresWhenTooLate() {
        Verdict go = new Verdict.Proceed(NOW, null);
        assertThat(machine.beforeReminder(sent(EXPIRES, NOW.minusSeconds(5)), go, true, NOW)).get()
                .extracting(step -> step.decision().rule()).isEqualTo("RESPONDED");
        assertThat(machine.beforeReminder(sent(EXPIRES, null), new Verdict.Suppress(SuppressionReason.UNSUBSCRIBED,
                "opted out"), true, NOW)).get().extracting(step -> step.decision().rule()).isEqualTo("UNSUBSCRIBED");
        assertThat(machine.beforeReminder(sent(EXPIRES, null), go, false, NOW)).get()
                .extracting(step -> step.decision().rule()).isEqualTo("SEND_FAILED");
        assertThat(machine.beforeReminder(sent(NOW, null), go, true, NOW)).get()
                .isInstanceOf(InvitationStep.Expired.class);
        assertThat(machine.beforeReminder(sent(EXPIRES, null), new Verdict.Wait(EXPIRES.plusSeconds(1), "night"),
                true, NOW)).get().extracting(step -> step.decision().rule()).isEqualTo("QUIET_HOURS");
        assertThat(machine.beforeReminder(sent(EXPIRES, null), new Verdict.Wait(NOW.plusSeconds(60), "night"), true,
                NOW)).get().isInstanceOf(InvitationStep.Delayed.class);
        assertThat(machine.beforeReminder(sent(EXPIRES, null), go, true, NOW)).isEmpty();
    }

    @Test
    void aSentReminderRecordsItAndTheExpiryFollows() {
        InvitationStep.Reminded reminded = machine.reminded(sent(EXPIRES, null), "pl", NOW);
        assertThat(reminded.expiresAt()).isEqualTo(EXPIRES);
        assertThat(reminded.decision().kind()).isEqualTo(DecisionKind.REMINDED);
        assertThat(reminded.decision().detail()).contains("P3D").contains("in pl");
        assertThat(reminded.events()).singleElement().isInstanceOf(InvitationReminded.class);
    }

    @Test
    void anExpiredInvitationSaysWhetherItWasAnswered() {
        InvitationStep.Expired expired = machine.expired(sent(NOW, NOW.minusSeconds(60)), NOW);
        assertThat(expired.decision().rule()).isEqualTo("TOKEN_LIFETIME");
        assertThat(expired.decision().detail()).endsWith("; answered");
        assertThat(expired.events()).singleElement().isInstanceOf(InvitationExpired.class);
    }

    @Test
    void withdrawalSuppressesAPlannedSendCancelsAPlannedReminderAndLeavesTheRestAlone() {
        assertThat(machine.withdrawn(planned(), SuppressionReason.ERASED, "erased", NOW)).get()
                .isInstanceOf(InvitationStep.Suppressed.class)
                .extracting(step -> step.decision().rule()).isEqualTo("ERASED");
        assertThat(machine.withdrawn(sent(EXPIRES, null), SuppressionReason.UNSUBSCRIBED, "opted out", NOW)).get()
                .isInstanceOf(InvitationStep.ReminderCancelled.class);
        InvitationDocument expiring = withNext(sent(EXPIRES, null), NextAction.EXPIRE);
        assertThat(machine.withdrawn(expiring, SuppressionReason.ERASED, "erased", NOW)).isEmpty();
    }

    private static InvitationDocument planned() {
        return failing(0, null);
    }

    private static InvitationDocument failing(int attempts, Instant firstAttemptAt) {
        return new InvitationDocument("inv-1", "c-1", "support-csat", 1, Metric.CSAT, "ticket:T-1|contact:c-1", "e-1",
                "crm.ticket.closed", "corr-1", InvitationStatus.SCHEDULED, NOW, NOW, NextAction.SEND, NOW, null, null,
                attempts, firstAttemptAt, null, null, null, null, null, null, null, null, null, List.of(), List.of(),
                null);
    }

    private static InvitationDocument sent(Instant expiresAt, Instant answeredAt) {
        return new InvitationDocument("inv-1", "c-1", "support-csat", 1, Metric.CSAT, "ticket:T-1|contact:c-1", "e-1",
                "crm.ticket.closed", "corr-1", InvitationStatus.SENT, NOW, NOW, NextAction.REMIND, NOW, null, null, 0,
                null, null, null, "en", "hash", "sealed", NOW.minus(Duration.ofDays(3)), expiresAt, null, answeredAt,
                List.of(), List.of(), null);
    }

    private static InvitationDocument withNext(InvitationDocument invitation, NextAction action) {
        return new InvitationDocument(invitation.id(), invitation.contactId(), invitation.surveyId(),
                invitation.surveyVersion(), invitation.metric(), invitation.subjectKey(), invitation.triggerEventId(),
                invitation.triggerType(), invitation.correlationId(), invitation.status(), invitation.createdAt(),
                invitation.dueAt(), action, invitation.expiresAt(), null, null, 0, null, null, null,
                invitation.locale(), invitation.tokenHash(), invitation.sealedToken(), invitation.sentAt(),
                invitation.expiresAt(), null, null, List.of(), List.of(), null);
    }
}
