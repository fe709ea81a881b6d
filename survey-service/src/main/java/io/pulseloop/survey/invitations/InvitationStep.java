package io.pulseloop.survey.invitations;

import java.time.Instant;
import java.util.List;

import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.survey.policy.Decision;

/**
 * One step of an invitation's lifecycle, as {@link InvitationStateMachine} decides it: what the invitation becomes,
 * the decision recorded, and the events to publish. Plain data; {@link InvitationStore} maps each kind to one atomic
 * document update (state, decision and outbox together).
 */
public sealed interface InvitationStep {

    /** The decision this step records. */
    Decision decision();

    /** The events this step publishes (through the document's outbox). */
    List<InvitationEvent> events();

    /** The email was accepted by the relay; next the reminder (with the sealed token) or the expiry. */
    record Sent(String tokenHash, Instant expiresAt, String locale, String sealedToken, NextAction next,
            Instant nextAt, Decision decision, List<InvitationEvent> events) implements InvitationStep {
    }

    /** The reminder was accepted by the relay; next the expiry. */
    record Reminded(Instant expiresAt, Decision decision, List<InvitationEvent> events) implements InvitationStep {
    }

    /** The email failed; the same step is retried at {@code retryAt} (exponential backoff). */
    record RetryScheduled(NextAction action, Instant retryAt, int attempts, Instant firstAttemptAt, String failure,
            Decision decision) implements InvitationStep {

        @Override
        public List<InvitationEvent> events() {
            return List.of();
        }
    }

    /** Sending failed for longer than the configured time: recorded {@code FAILED}, nothing more happens. */
    record GaveUp(int attempts, String failure, Decision decision) implements InvitationStep {

        @Override
        public List<InvitationEvent> events() {
            return List.of();
        }
    }

    /** The reminder will not be sent; the link still expires at {@code expiresAt}. */
    record ReminderCancelled(Instant expiresAt, Decision decision) implements InvitationStep {

        @Override
        public List<InvitationEvent> events() {
            return List.of();
        }
    }

    /** The link's lifetime is over. */
    record Expired(Decision decision, List<InvitationEvent> events) implements InvitationStep {
    }

    /** Decided against for good (at send time, or withdrawn): nothing is or will be sent. */
    record Suppressed(Decision decision, List<InvitationEvent> events) implements InvitationStep {
    }

    /** The step waits (for the sending hours); a waiting send also moves its due time. */
    record Delayed(NextAction action, Instant until, Decision decision, List<InvitationEvent> events)
            implements InvitationStep {
    }
}
