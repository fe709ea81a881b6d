package io.pulseloop.survey.invitations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.policy.Decision;
import io.pulseloop.survey.policy.DecisionKind;
import io.pulseloop.survey.policy.Durations;
import io.pulseloop.survey.policy.Rules;
import io.pulseloop.survey.policy.Verdict;

/**
 * The invitation lifecycle as a plain-Java state machine: given an invitation, what happened and the time, it answers
 * the {@link InvitationStep} — no I/O, no Spring, every rule of the lifecycle in one place:
 *
 * <pre>
 * SCHEDULED ──send accepted──► SENT ──reminder accepted──► REMINDED ──lifetime over──► EXPIRED
 *    │  ├─ send failed ─► (retry with doubling backoff) ─ failing longer than give-up-after ─► FAILED
 *    │  ├─ outside sending hours ─► (waits: DELAYED)
 *    │  └─ policy says no / withdrawn ─► SUPPRESSED
 *    SENT ── answered / policy says no / withdrawn / reminder failing until expiry ─► (reminder cancelled) ─► EXPIRED
 * </pre>
 *
 * The scheduler asks it at each due step; withdrawals (erasure, opt-out) ask it too. The store turns each step into
 * one atomic document update, with its decision and events.
 */
public final class InvitationStateMachine {

    private final Settings settings;

    public InvitationStateMachine(Settings settings) {
        this.settings = settings;
    }

    /**
     * The lifecycle's settings.
     *
     * @param retryBackoff    pause after the first failed send, doubled after each further failure
     * @param maxRetryBackoff the longest pause between two attempts
     * @param giveUpAfter     after this long of failing, a send is given up ({@code FAILED})
     * @param reminderEnabled whether one reminder follows an unanswered invitation
     * @param reminderAfter   how long after the invitation the reminder is due
     */
    public record Settings(Duration retryBackoff, Duration maxRetryBackoff, Duration giveUpAfter,
            boolean reminderEnabled, Duration reminderAfter) {
    }

    /** What a due send becomes by the policy's verdict; empty when it goes out now. */
    public Optional<InvitationStep> beforeSend(InvitationDocument invitation, Verdict verdict, Instant now) {
        if (verdict instanceof Verdict.Suppress suppress) {
            return Optional.of(suppressed(invitation, suppress.reason(), suppress.reason().name(), suppress.detail(),
                    now));
        }
        if (verdict instanceof Verdict.Wait wait) {
            return Optional.of(new InvitationStep.Delayed(NextAction.SEND, wait.until(), new Decision(
                    DecisionKind.DELAYED, SuppressionReason.QUIET_HOURS.name(), now, wait.until(), wait.detail()),
                    List.of(InvitationEvents.scheduled(invitation, "delayed-" + wait.until().toEpochMilli(),
                            wait.until(), SuppressionReason.QUIET_HOURS, now))));
        }
        return Optional.empty();
    }

    /**
     * What a due reminder becomes; empty when it goes out now.
     *
     * @param linkAvailable whether the invitation's link can still be put into a reminder (sealed token, survey)
     */
    public Optional<InvitationStep> beforeReminder(InvitationDocument invitation, Verdict verdict,
            boolean linkAvailable, Instant now) {
        if (invitation.expiresAt() == null || !now.isBefore(invitation.expiresAt())) {
            return Optional.of(expired(invitation, now));
        }
        if (invitation.answeredAt() != null) {
            return Optional.of(reminderCancelled(invitation, Rules.RESPONDED, "the contact responded at "
                    + invitation.answeredAt(), now));
        }
        if (verdict instanceof Verdict.Suppress suppress) {
            return Optional.of(reminderCancelled(invitation, suppress.reason().name(), suppress.detail(), now));
        }
        if (verdict instanceof Verdict.Wait wait) {
            if (!wait.until().isBefore(invitation.expiresAt())) {
                return Optional.of(reminderCancelled(invitation, SuppressionReason.QUIET_HOURS.name(),
                        "the next sending hours start after the link expires", now));
            }
            return Optional.of(new InvitationStep.Delayed(NextAction.REMIND, wait.until(), new Decision(
                    DecisionKind.DELAYED, SuppressionReason.QUIET_HOURS.name(), now, wait.until(),
                    "reminder " + wait.detail()), List.of()));
        }
        if (!linkAvailable) {
            return Optional.of(reminderCancelled(invitation, Rules.SEND_FAILED, "the invitation's link is no longer "
                    + "available for a reminder", now));
        }
        return Optional.empty();
    }

    /**
     * The invitation's email was accepted by the relay: the reminder comes next when enabled and due before the link
     * expires (it needs the token, kept sealed), else the expiry.
     */
    public InvitationStep.Sent delivered(InvitationDocument invitation, String tokenHash, String sealedToken,
            Instant expiresAt, String language, SurveyDefinition survey, Instant now) {
        Instant remindAt = now.plus(settings.reminderAfter());
        boolean remind = settings.reminderEnabled() && remindAt.isBefore(expiresAt);
        return new InvitationStep.Sent(tokenHash, expiresAt, language, remind ? sealedToken : null,
                remind ? NextAction.REMIND : NextAction.EXPIRE, remind ? remindAt : expiresAt,
                new Decision(DecisionKind.INVITED, Rules.ELIGIBLE, now, null, "email sent in " + language
                        + "; the link is valid until " + expiresAt),
                List.of(InvitationEvents.sent(invitation, tokenHash, expiresAt, language, survey, now)));
    }

    /** The reminder was accepted by the relay. */
    public InvitationStep.Reminded reminded(InvitationDocument invitation, String language, Instant now) {
        return new InvitationStep.Reminded(invitation.expiresAt(), new Decision(DecisionKind.REMINDED, Rules.REMINDER,
                now, null, "no response after " + Durations.iso(settings.reminderAfter()) + "; reminder sent in "
                        + language), List.of(InvitationEvents.reminded(invitation, now)));
    }

    /**
     * The relay did not accept the email: retried after a doubling backoff, until the send has failed for
     * {@code giveUpAfter} ({@code FAILED}) — or, for a reminder, until the retry would come after the link expires
     * (the reminder is cancelled, the invitation still expires).
     */
    public InvitationStep failed(InvitationDocument invitation, boolean reminder, String failure, Instant now) {
        int attempts = invitation.attempts() + 1;
        Instant firstAttempt = (invitation.firstAttemptAt() == null) ? now : invitation.firstAttemptAt();
        Instant retryAt = now.plus(backoff(attempts));
        if (reminder && !retryAt.isBefore(invitation.expiresAt())) {
            return new InvitationStep.ReminderCancelled(invitation.expiresAt(), new Decision(
                    DecisionKind.REMINDER_CANCELLED, Rules.SEND_FAILED, now, null, attempts
                            + " attempts failed before the link expires; last: " + failure));
        }
        if (!reminder && !now.isBefore(firstAttempt.plus(settings.giveUpAfter()))) {
            return new InvitationStep.GaveUp(attempts, failure, new Decision(DecisionKind.FAILED, Rules.SEND_FAILED,
                    now, null, "gave up after " + attempts + " attempts since " + firstAttempt + "; last: "
                            + failure));
        }
        return new InvitationStep.RetryScheduled(reminder ? NextAction.REMIND : NextAction.SEND, retryAt, attempts,
                firstAttempt, failure, new Decision(DecisionKind.DELAYED, Rules.SEND_FAILED, now, retryAt,
                        "attempt " + attempts + " failed (" + failure + "); retried at " + retryAt));
    }

    /** The link's lifetime is over (answered or not). */
    public InvitationStep.Expired expired(InvitationDocument invitation, Instant now) {
        Instant validUntil = (invitation.expiresAt() == null) ? now : invitation.expiresAt();
        return new InvitationStep.Expired(new Decision(DecisionKind.EXPIRED, Rules.TOKEN_LIFETIME, now, null,
                "the link was valid until " + validUntil + (invitation.answeredAt() != null ? "; answered"
                        : "; unanswered")), List.of(InvitationEvents.expired(invitation, now)));
    }

    /** Decided against for good: nothing is or will be sent. */
    public InvitationStep.Suppressed suppressed(InvitationDocument invitation, SuppressionReason reason, String rule,
            String detail, Instant now) {
        return new InvitationStep.Suppressed(new Decision(DecisionKind.SUPPRESSED, rule, now, null, detail),
                List.of(InvitationEvents.suppressed(invitation, reason, detail, now)));
    }

    /**
     * The contact was erased or opted out: a planned send is suppressed, a planned reminder cancelled; empty when
     * nothing is pending.
     */
    public Optional<InvitationStep> withdrawn(InvitationDocument invitation, SuppressionReason reason, String detail,
            Instant now) {
        if (invitation.nextAction() == NextAction.SEND) {
            return Optional.of(suppressed(invitation, reason, reason.name(), detail, now));
        }
        if (invitation.nextAction() == NextAction.REMIND) {
            return Optional.of(reminderCancelled(invitation, reason.name(), detail, now));
        }
        return Optional.empty();
    }

    /** The reminder will not be sent, for the rule given. */
    public InvitationStep.ReminderCancelled reminderCancelled(InvitationDocument invitation, String rule,
            String detail, Instant now) {
        return new InvitationStep.ReminderCancelled(invitation.expiresAt(), new Decision(
                DecisionKind.REMINDER_CANCELLED, rule, now, null, detail));
    }

    /** The pause before attempt {@code attempts + 1}: {@code retryBackoff} doubled per failure, at most the maximum. */
    Duration backoff(int attempts) {
        Duration backoff = settings.retryBackoff();
        for (int i = 1; i < attempts && backoff.compareTo(settings.maxRetryBackoff()) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return (backoff.compareTo(settings.maxRetryBackoff()) > 0) ? settings.maxRetryBackoff() : backoff;
    }
}
