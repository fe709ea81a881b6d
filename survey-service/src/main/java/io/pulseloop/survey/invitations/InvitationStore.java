package io.pulseloop.survey.invitations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
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

import io.pulseloop.survey.policy.PendingInvitation;

/**
 * Collection {@code invitations}: single-document atomic updates only (no transactions, no TTL), so it runs on any
 * MongoDB, including the embedded one of the tests and the local mode.
 *
 * <p>Claiming due work: candidates are read, then marked with a fresh claim id, owner and lease expiry by one
 * multi-update whose filter repeats "due and not leased" — the per-document atomicity of that update means two
 * replicas can never both claim one invitation. A completion presents the claim id, so a replica whose lease ran out
 * cannot overwrite the work of the one that took over.
 */
@Component
public class InvitationStore implements InitializingBean {

    static final String INVITATIONS = "invitations";

    /** How long a writer has to publish the events it just wrote before the relay takes over. */
    static final Duration OUTBOX_HANDOVER = Duration.ofSeconds(30);

    private final MongoTemplate mongo;

    InvitationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(INVITATIONS).createIndex(new Index().on("contactId", Sort.Direction.ASC));
        mongo.indexOps(INVITATIONS).createIndex(new Index().on("nextActionAt", Sort.Direction.ASC));
        mongo.indexOps(INVITATIONS).createIndex(new Index().on("outboxPending", Sort.Direction.ASC));
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
    }

    public Map<String, InvitationDocument> findByIds(Collection<String> ids) {
        Map<String, InvitationDocument> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(ids)), InvitationDocument.class, INVITATIONS)
                    .forEach(invitation -> found.put(invitation.id(), invitation));
        }
        return found;
    }

    /** Planned, unsent invitations of the contacts, by contact id. */
    public Map<String, List<PendingInvitation>> pendingSends(Collection<String> contactIds) {
        Map<String, List<PendingInvitation>> pending = new HashMap<>();
        if (contactIds.isEmpty()) {
            return pending;
        }
        Query query = Query.query(Criteria.where("contactId").in(contactIds).and("nextAction").is(NextAction.SEND));
        query.fields().include("contactId", "surveyId", "nextActionAt");
        for (Document document : mongo.find(query, Document.class, INVITATIONS)) {
            pending.computeIfAbsent(document.getString("contactId"), id -> new ArrayList<>())
                    .add(new PendingInvitation(document.getString("_id"), document.getString("surveyId"),
                            document.getDate("nextActionAt").toInstant()));
        }
        return pending;
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
     * Claims up to {@code limit} invitations whose next action is due, oldest first, for {@code lease}.
     *
     * @return the claimed invitations, each carrying the claim id its completion must present
     */
    public List<InvitationDocument> claimDue(Instant now, String owner, Duration lease, int limit) {
        List<Object> ids = candidateIds(due(now), "nextActionAt", limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        String claimId = UUID.randomUUID().toString();
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).andOperator(due(now))),
                new Update().set("leaseOwner", owner).set("claimId", claimId).set("leaseUntil", now.plus(lease)),
                INVITATIONS);
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and("claimId").is(claimId))
                .with(Sort.by("nextActionAt")), InvitationDocument.class, INVITATIONS);
    }

    /** How many invitations have a due next action (the backlog), for the gauge. */
    public long dueCount(Instant now) {
        return mongo.count(Query.query(Criteria.where("nextActionAt").lte(now)), INVITATIONS);
    }

    /**
     * Applies a step to an invitation this replica claimed.
     *
     * @return {@code false} when the claim was lost (its lease ran out and another replica took over)
     */
    public boolean apply(InvitationDocument claimed, Transition transition, Instant now) {
        Criteria criteria = Criteria.where("_id").is(claimed.id());
        if (claimed.claimId() != null) {
            criteria = criteria.and("claimId").is(claimed.claimId());
        }
        return mongo.updateFirst(Query.query(criteria), transition.toUpdate(now.plus(OUTBOX_HANDOVER)), INVITATIONS)
                .getMatchedCount() > 0;
    }

    /**
     * Applies a step to an invitation nobody holds a lease on, if it still matches {@code expected}.
     *
     * @return whether it was applied
     */
    public boolean applyIfUnclaimed(String id, Criteria expected, Transition transition, Instant now) {
        Criteria criteria = Criteria.where("_id").is(id).andOperator(expected, new Criteria().orOperator(
                Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lte(now)));
        return mongo.updateFirst(Query.query(criteria), transition.toUpdate(now.plus(OUTBOX_HANDOVER)), INVITATIONS)
                .getMatchedCount() > 0;
    }

    /** Records the first response to an invitation; later ones change nothing. */
    public void markAnswered(String invitationId, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(invitationId).and("answeredAt").is(null)),
                new Update().set("answeredAt", at), INVITATIONS);
    }

    /** Claims invitations whose events are written but not yet published, and whose writer's handover ran out. */
    public List<InvitationDocument> claimOutbox(Instant now, int limit) {
        Criteria pending = Criteria.where("outboxPending").is(true).orOperator(
                Criteria.where("outboxLeaseUntil").is(null), Criteria.where("outboxLeaseUntil").lte(now));
        List<Object> ids = candidateIds(pending, "outboxLeaseUntil", limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        String claimId = UUID.randomUUID().toString();
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).andOperator(pending)),
                new Update().set("outboxLeaseUntil", now.plus(OUTBOX_HANDOVER)).set("outboxClaim", claimId),
                INVITATIONS);
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and("outboxClaim").is(claimId)),
                InvitationDocument.class, INVITATIONS);
    }

    /** Removes published events from an invitation's outbox. */
    public void published(String invitationId, List<String> eventIds) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(invitationId)),
                new Update().pull("outbox", new Document("eventId", new Document("$in", eventIds))), INVITATIONS);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(invitationId).and("outbox").size(0)),
                new Update().set("outboxPending", false).unset("outboxLeaseUntil").unset("outboxClaim"),
                INVITATIONS);
    }

    private static Criteria due(Instant now) {
        return Criteria.where("nextActionAt").lte(now).orOperator(Criteria.where("leaseUntil").is(null),
                Criteria.where("leaseUntil").lte(now));
    }

    private List<Object> candidateIds(Criteria criteria, String sortField, int limit) {
        Query query = Query.query(criteria).with(Sort.by(sortField)).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, Document.class, INVITATIONS).stream().map(document -> document.get("_id")).toList();
    }
}
