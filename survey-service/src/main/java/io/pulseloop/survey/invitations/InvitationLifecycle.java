package io.pulseloop.survey.invitations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.contacts.ContactDirectory;

/** What other events do to existing invitations: a response stops the reminder; erasure and opt-out withdraw sends. */
@Component
public class InvitationLifecycle {

    /** How long a withdrawal holds the steps it claims. */
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final InvitationStore store;
    private final OutboxPublisher outbox;
    private final ContactDirectory contacts;
    private final Clock clock;
    private final InvitationStateMachine machine;

    InvitationLifecycle(InvitationStore store, OutboxPublisher outbox, ContactDirectory contacts, Clock clock,
            InvitationStateMachine machine) {
        this.machine = machine;
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
            Optional<InvitationStep> step = machine.withdrawn(invitation, reason, detail, now);
            if (step.isEmpty()) {
                continue;
            }
            if (invitation.nextAction() == NextAction.SEND) {
                withdrawnSends.add(invitation.id());
            }
            if (store.apply(invitation, step.get(), now)) {
                published.add(new OutboxPublisher.Pending(invitation.id(), invitation.contactId(),
                        step.get().events().stream().map(InvitationEvents::entry).toList()));
            }
        }
        store.finish(claimed);
        if (!withdrawnSends.isEmpty()) {
            contacts.unplanned(Map.of(contactId, withdrawnSends));
        }
        outbox.publish(published);
    }
}
