package io.pulseloop.survey.invitations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.policy.Decision;
import io.pulseloop.survey.policy.DecisionKind;

/** What other events do to existing invitations: a response stops the reminder; erasure and opt-out withdraw sends. */
@Component
public class InvitationLifecycle {

    /** How long a withdrawal holds the steps it claims. */
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final InvitationStore store;
    private final OutboxPublisher outbox;
    private final ContactDirectory contacts;
    private final Clock clock;

    InvitationLifecycle(InvitationStore store, OutboxPublisher outbox, ContactDirectory contacts, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The contact responded to the invitation: no reminder. Idempotent: the first response time stays. */
    public void answered(String invitationId, Instant at) {
        store.markAnswered(invitationId, (at == null) ? clock.instant() : at);
    }

    /**
     * Withdraws the contact's planned sends ({@code SUPPRESSED}) and reminders ({@code REMINDER_CANCELLED}) at once,
     * with the reason, claiming each step like the scheduler does. An invitation a replica is sending at this moment
     * is left to it: its atomic fatigue-slot reservation re-checks the contact's flags and suppresses it.
     */
    public void withdrawPending(String contactId, SuppressionReason reason, String detail) {
        Instant now = clock.instant();
        List<OutboxPublisher.Pending> published = new ArrayList<>();
        List<String> withdrawnSends = new ArrayList<>();
        List<InvitationDocument> claimed = store.claim(store.withPendingAction(contactId), now, "withdrawal",
                CLAIM);
        for (InvitationDocument invitation : claimed) {
            Transition transition;
            if (invitation.nextAction() == NextAction.SEND) {
                withdrawnSends.add(invitation.id());
                transition = new Transition().set("status", InvitationStatus.SUPPRESSED).done()
                        .decide(new Decision(DecisionKind.SUPPRESSED, reason.name(), now, null, detail))
                        .emit(InvitationEvents.suppressed(invitation, reason, detail, now));
            }
            else if (invitation.nextAction() == NextAction.REMIND) {
                transition = new Transition().unset("sealedToken").next(NextAction.EXPIRE, invitation.expiresAt())
                        .decide(new Decision(DecisionKind.REMINDER_CANCELLED, reason.name(), now, null, detail));
            }
            else {
                continue;
            }
            if (store.apply(invitation, transition, now)) {
                published.add(new OutboxPublisher.Pending(invitation.id(), invitation.contactId(),
                        transition.events()));
            }
        }
        store.finish(claimed);
        if (!withdrawnSends.isEmpty()) {
            contacts.unplanned(Map.of(contactId, withdrawnSends));
        }
        outbox.publish(published);
    }
}
