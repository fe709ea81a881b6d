package io.pulseloop.survey.invitations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.mongo.Lease;
import io.pulseloop.platform.mongo.MongoLease;
import io.pulseloop.platform.mongo.OutboxRelay;

/**
 * Collection {@code invitations} and its claims: single-document atomic writes only (no transactions, no TTL), so it
 * runs on any MongoDB, including the embedded one of the tests and the local mode.
 *
 * <p>Claiming due work: candidates (due, lease hint free) are read, then each one's current step — invitation, next
 * action and its due time — is claimed as a platform lease ({@code MongoLease.acquireAll}) keyed by that step in
 * {@code claims}. The unique {@code _id} makes two replicas unable to claim one step; a claim whose lease ran out (its
 * holder died) is taken over. The claimed invitations are then read again, and only those still at the claimed step
 * are kept, so a step another replica finished meanwhile is never done twice. The claimer works within its lease (the
 * dispatcher starts no email after a deadline well inside it), writes the outcome by id, and releases its claims.
 *
 * <p>The outbox: a step's events go into the invitation's {@code outbox} with the step, and the writer holds the lease
 * field {@code outboxLease} for {@link #OUTBOX_HANDOVER}; the relay claims outboxes whose handover ran out
 * ({@link #claimOutbox}) and publishes them with the platform's {@code OutboxRelay}.
 *
 * <p>Per-invitation reads and writes go by id alone: the embedded MongoDB answers those from its primary index and
 * scans the collection for any other filter, so filtered queries run a fixed number of times per batch.
 */
@Component
public class InvitationStore implements InitializingBean {

    static final String INVITATIONS = "invitations";
    static final String CLAIMS = "claims";

    /** Ids per {@code $in} read. */
    static final int ID_CHUNK = 50;

    /** How long a writer has to publish the events it just wrote before the relay takes over. */
    static final Duration OUTBOX_HANDOVER = Duration.ofSeconds(30);

    /** The lease field on an invitation's outbox, and its owner while the writer of a step holds it. */
    static final String OUTBOX_LEASE = "outboxLease";
    static final String WRITER = "writer";

    private final MongoTemplate mongo;
    private final MongoLease leases;
    private final DueSignal dueSignal;

    InvitationStore(MongoTemplate mongo, MongoLease leases, DueSignal dueSignal) {
        this.mongo = mongo;
        this.leases = leases;
        this.dueSignal = dueSignal;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(INVITATIONS).createIndex(new Index().on("contactId", Sort.Direction.ASC));
        mongo.indexOps(INVITATIONS).createIndex(new Index().on("nextActionAt", Sort.Direction.ASC).sparse());
        mongo.indexOps(INVITATIONS).createIndex(new Index().on("outbox.eventId", Sort.Direction.ASC).sparse());
    }

    /** The claim id of an invitation's current step. */
    static String step(InvitationDocument invitation) {
        return invitation.id() + "@" + invitation.nextAction() + "@" + invitation.nextActionAt().toEpochMilli();
    }

    /** Inserts new invitations; one that exists already (a redelivered trigger) is left as it is. */
    public void insertAll(List<InvitationDocument> invitations) {
        if (invitations.isEmpty()) {
            return;
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, InvitationDocument.class, INVITATIONS)
                    .insert(invitations).execute();
        }
        catch (DataAccessException ex) {
            for (InvitationDocument invitation : invitations) {
                try {
                    mongo.insert(invitation, INVITATIONS);
                }
                catch (DuplicateKeyException duplicate) {
                    // the same deterministic id was written before: the first write stands
                }
            }
        }
        // after the write, so that the scheduler woken by it finds the steps
        invitations.forEach(invitation -> dueSignal.scheduled(invitation.nextActionAt()));
    }

    /** The invitations with these ids, read in chunks ({@code $in} costs the embedded server O(n²) per query). */
    public Map<String, InvitationDocument> findByIds(Collection<String> ids) {
        Map<String, InvitationDocument> found = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            mongo.find(Query.query(Criteria.where("_id").in(all.subList(from, Math.min(all.size(), from + ID_CHUNK)))),
                    InvitationDocument.class, INVITATIONS).forEach(invitation -> found.put(invitation.id(), invitation));
        }
        return found;
    }

    /** Every invitation and decision record of a contact. */
    public List<InvitationDocument> forContact(String contactId) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId)).with(Sort.by("createdAt")),
                InvitationDocument.class, INVITATIONS);
    }

    /** Invitations of a contact with a send or reminder still to come. */
    public List<InvitationDocument> withPendingAction(String contactId) {
        return mongo.find(Query.query(Criteria.where("contactId").is(contactId)
                .and("nextAction").in(NextAction.SEND, NextAction.REMIND)), InvitationDocument.class, INVITATIONS);
    }

    /**
     * Claims up to {@code limit} invitations whose next step is due, oldest first, for {@code lease}.
     *
     * @return the claimed invitations, as they are now; {@link #finish} their claims when done
     */
    public List<InvitationDocument> claimDue(Instant now, String owner, Duration lease, int limit) {
        Criteria due = Criteria.where("nextActionAt").lte(now).orOperator(Criteria.where("leaseUntil").is(null),
                Criteria.where("leaseUntil").lte(now));
        List<InvitationDocument> candidates = mongo.find(Query.query(due).with(Sort.by("nextActionAt")).limit(limit),
                InvitationDocument.class, INVITATIONS);
        return claim(candidates, now, owner, lease);
    }

    /**
     * Claims the current step of each invitation: a platform lease per step ({@code claims}, key
     * {@link #step}) for one holder, all in one insert. A step another holder leases until after now is skipped;
     * so is an invitation whose step changed since it was read.
     *
     * @return the claimed invitations, re-read, in the order given
     */
    public List<InvitationDocument> claim(List<InvitationDocument> candidates, Instant now, String owner,
            Duration lease) {
        List<InvitationDocument> steps = candidates.stream().filter(candidate -> candidate.nextAction() != null
                && candidate.nextActionAt() != null).toList();
        if (steps.isEmpty()) {
            return List.of();
        }
        String holder = owner + "/" + UUID.randomUUID();
        Map<Object, Lease> leased = new HashMap<>();
        leases.acquireAll(CLAIMS, steps.stream().map(InvitationStore::step).toList(), holder, lease)
                .forEach(held -> leased.put(held.id(), held));
        List<InvitationDocument> claimed = new ArrayList<>();
        List<Lease> stale = new ArrayList<>();
        Map<String, InvitationDocument> current = findByIds(steps.stream()
                .filter(candidate -> leased.containsKey(step(candidate))).map(InvitationDocument::id).toList());
        for (InvitationDocument candidate : steps) {
            Lease held = leased.get(step(candidate));
            InvitationDocument latest = current.get(candidate.id());
            if (held == null) {
                continue;
            }
            if (latest != null && latest.nextAction() != null && latest.nextActionAt() != null
                    && held.id().equals(step(latest))) {
                claimed.add(latest.leasedTo(holder, held.until()));
            }
            else {
                stale.add(held);
            }
        }
        leases.releaseAll(stale);
        if (!claimed.isEmpty()) {
            BulkOperations hints = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, INVITATIONS);
            claimed.forEach(invitation -> hints.updateOne(Query.query(Criteria.where("_id").is(invitation.id())),
                    new Update().set("leaseOwner", holder).set("leaseUntil", invitation.leaseUntil())));
            hints.execute();
        }
        return claimed;
    }

    /** Ends the claims of steps that were carried out (or given back) by their claimer. */
    public void finish(Collection<InvitationDocument> claimed) {
        Map<String, List<String>> byHolder = new HashMap<>();
        claimed.stream().filter(invitation -> invitation.leaseOwner() != null).forEach(invitation -> byHolder
                .computeIfAbsent(invitation.leaseOwner(), holder -> new ArrayList<>()).add(step(invitation)));
        byHolder.forEach((holder, steps) -> leases.releaseAll(CLAIMS, steps, holder));
    }

    /** Gives claimed invitations back untouched (not attempted before the lease would run out). */
    public void release(Collection<InvitationDocument> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        BulkOperations hints = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, INVITATIONS);
        claimed.forEach(invitation -> hints.updateOne(Query.query(Criteria.where("_id").is(invitation.id())),
                new Update().unset("leaseOwner").unset("leaseUntil")));
        hints.execute();
        finish(claimed);
    }

    /** How many invitations have a due next action (the backlog), for the gauge. */
    public long dueCount(Instant now) {
        return mongo.count(Query.query(Criteria.where("nextActionAt").lte(now)), INVITATIONS);
    }

    /**
     * Applies a lifecycle step to an invitation whose step this replica claimed, by id: nobody else can hold the step
     * while the claim's lease runs.
     *
     * @return {@code false} when the invitation no longer exists
     */
    public boolean apply(InvitationDocument claimed, InvitationStep step, Instant now) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(claimed.id())),
                transition(step).toUpdate(now.plus(OUTBOX_HANDOVER)), INVITATIONS).getMatchedCount() > 0;
    }

    /** A step to apply to a claimed invitation. */
    public record Step(InvitationDocument invitation, InvitationStep step) {
    }

    /** Applies steps to claimed invitations, by id, in one bulk write. */
    public void applyAll(List<Step> steps, Instant now) {
        if (steps.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, INVITATIONS);
        steps.forEach(step -> bulk.updateOne(Query.query(Criteria.where("_id").is(step.invitation().id())),
                transition(step.step()).toUpdate(now.plus(OUTBOX_HANDOVER))));
        bulk.execute();
    }

    /** The document update of a lifecycle step: the state it sets, its decision and its events, in one write. */
    static Transition transition(InvitationStep step) {
        Transition transition = new Transition().decide(step.decision());
        step.events().forEach(transition::emit);
        Instant at = step.decision().decidedAt();
        if (step instanceof InvitationStep.Sent sent) {
            transition.set("status", InvitationStatus.SENT).set("sentAt", at).set("tokenHash", sent.tokenHash())
                    .set("expiresAt", sent.expiresAt()).set("locale", sent.locale()).set("attempts", 0)
                    .unset("firstAttemptAt").unset("lastError").next(sent.next(), sent.nextAt());
            if (sent.sealedToken() != null) {
                transition.set("sealedToken", sent.sealedToken());
            }
        }
        else if (step instanceof InvitationStep.Reminded reminded) {
            transition.set("status", InvitationStatus.REMINDED).set("remindedAt", at).unset("sealedToken")
                    .set("attempts", 0).unset("firstAttemptAt").unset("lastError")
                    .next(NextAction.EXPIRE, reminded.expiresAt());
        }
        else if (step instanceof InvitationStep.RetryScheduled retry) {
            transition.set("attempts", retry.attempts()).set("firstAttemptAt", retry.firstAttemptAt())
                    .set("lastError", retry.failure()).next(retry.action(), retry.retryAt());
        }
        else if (step instanceof InvitationStep.GaveUp gaveUp) {
            transition.set("status", InvitationStatus.FAILED).set("attempts", gaveUp.attempts())
                    .set("lastError", gaveUp.failure()).done();
        }
        else if (step instanceof InvitationStep.ReminderCancelled cancelled) {
            transition.unset("sealedToken").next(NextAction.EXPIRE, cancelled.expiresAt());
        }
        else if (step instanceof InvitationStep.Expired) {
            transition.set("status", InvitationStatus.EXPIRED).set("expiredAt", at).unset("sealedToken").done();
        }
        else if (step instanceof InvitationStep.Suppressed) {
            transition.set("status", InvitationStatus.SUPPRESSED).done();
        }
        else if (step instanceof InvitationStep.Delayed delayed) {
            transition.next(delayed.action(), delayed.until());
            if (delayed.action() == NextAction.SEND) {
                transition.set("dueAt", delayed.until());
            }
        }
        return transition;
    }

    /** Records the first response to an invitation ({@code $min}: an earlier time wins, a later one changes nothing). */
    public void markAnswered(String invitationId, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(invitationId)), new Update().min("answeredAt", at),
                INVITATIONS);
    }

    /**
     * Claims invitations whose events are written but not yet published, and whose writer's handover ran out (the
     * lease field {@code outboxLease}), for the relay.
     *
     * @return the claimed invitations' outboxes
     */
    public List<OutboxRelay.Pending> claimOutbox(String owner, int limit) {
        return leases.claimAll(INVITATIONS, Criteria.where("outbox.eventId").exists(true), Sort.unsorted(),
                OUTBOX_LEASE, owner, OUTBOX_HANDOVER, limit).stream()
                .map(leased -> new OutboxRelay.Pending(leased.lease().id(), OutboxRelay.entries(leased.document())
                        .stream().map(entry -> entry.withDefaults(Topics.SURVEY_INVITATIONS,
                                leased.document().getString("contactId"))).toList()))
                .toList();
    }
}
