package io.pulseloop.survey.invitations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.policy.Decision;
import io.pulseloop.survey.policy.DecisionKind;

/** What other events do to existing invitations: a response stops the reminder; erasure and opt-out withdraw sends. */
@Component
public class InvitationLifecycle {

    private final InvitationStore store;
    private final OutboxPublisher outbox;
    private final Clock clock;

    InvitationLifecycle(InvitationStore store, OutboxPublisher outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The contact responded to the invitation: no reminder. Idempotent: the first response time stays. */
    public void answered(String invitationId, Instant at) {
        store.markAnswered(invitationId, (at == null) ? clock.instant() : at);
    }

    /**
     * Withdraws the contact's planned sends ({@code SUPPRESSED}) and reminders ({@code REMINDER_CANCELLED}) at once,
     * with the reason. An invitation a replica is sending at this moment is left to it: its atomic fatigue-slot
     * reservation re-checks the contact's flags and suppresses it.
     */
    public void withdrawPending(String contactId, SuppressionReason reason, String detail) {
        Instant now = clock.instant();
        List<OutboxPublisher.Pending> published = new ArrayList<>();
        for (InvitationDocument invitation : store.withPendingAction(contactId)) {
            Transition transition;
            if (invitation.nextAction() == NextAction.SEND) {
                transition = new Transition().set("status", InvitationStatus.SUPPRESSED).done()
                        .decide(new Decision(DecisionKind.SUPPRESSED, reason.name(), now, null, detail))
                        .emit(InvitationEvents.suppressed(invitation, reason, detail, now));
            }
            else {
                transition = new Transition().unset("sealedToken").next(NextAction.EXPIRE, invitation.expiresAt())
                        .decide(new Decision(DecisionKind.REMINDER_CANCELLED, reason.name(), now, null, detail));
            }
            Criteria expected = Criteria.where("nextAction").is(invitation.nextAction());
            if (store.applyIfUnclaimed(invitation.id(), expected, transition, now)) {
                published.add(new OutboxPublisher.Pending(invitation.id(), invitation.contactId(),
                        transition.events()));
            }
        }
        outbox.publish(published);
    }
}
