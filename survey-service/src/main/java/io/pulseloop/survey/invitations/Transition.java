package io.pulseloop.survey.invitations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.mongodb.core.query.Update;

import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.platform.mongo.MongoLease;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.platform.mongo.OutboxRelay;
import io.pulseloop.survey.policy.Decision;

/**
 * One step of an invitation, applied as one atomic document update: field changes, the decisions taken, and the
 * events to publish, which go into the document's outbox in the same write.
 */
final class Transition {

    private final Update update = new Update();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<OutboxEntry> events = new ArrayList<>();

    Transition set(String field, Object value) {
        update.set(field, value);
        return this;
    }

    Transition unset(String field) {
        update.unset(field);
        return this;
    }

    Transition decide(Decision decision) {
        decisions.add(decision);
        return this;
    }

    Transition emit(InvitationEvent event) {
        events.add(InvitationEvents.entry(event));
        return this;
    }

    /** The next durable step and when it is due. */
    Transition next(NextAction action, Instant at) {
        update.set("nextAction", action).set("nextActionAt", at);
        return this;
    }

    /** Nothing more to do for this invitation. */
    Transition done() {
        update.unset("nextAction").unset("nextActionAt");
        return this;
    }

    List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    List<OutboxEntry> events() {
        return List.copyOf(events);
    }

    /**
     * The update, which also ends the step's lease hint and hands the outbox to the writer until {@code outboxLease}
     * (the lease field {@code outboxLease}, so the relay leaves it to the writer that long).
     */
    Update toUpdate(Instant outboxLease) {
        Update result = Update.fromDocument(update.getUpdateObject());
        if (!decisions.isEmpty()) {
            result.push("decisions").each(decisions.toArray());
        }
        if (!events.isEmpty()) {
            OutboxRelay.append(result, events);
            MongoLease.granting(result, InvitationStore.OUTBOX_LEASE, InvitationStore.WRITER, outboxLease);
        }
        return result.unset("leaseOwner").unset("leaseUntil");
    }
}
