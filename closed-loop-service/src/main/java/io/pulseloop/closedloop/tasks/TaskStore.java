package io.pulseloop.closedloop.tasks;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.closedloop.tasks.domain.ContactFollowUps;
import io.pulseloop.closedloop.tasks.domain.TaskChange;

/**
 * The {@code followups} collection: one document per contact ({@code _id} = contact id) holding its tasks and the
 * outbox of their unpublished changes. Every write is a single-document compare-and-set on {@code version}, so two
 * replicas (or a consumer and a staff member) changing one contact at once never lose or duplicate a change: the
 * loser reloads and applies its rule again, which then usually finds nothing left to do.
 */
@Component
class TaskStore {

    static final String COLLECTION = "followups";
    private static final int MAX_TRIES = 20;

    private final MongoTemplate mongo;

    TaskStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<ContactFollowUps> load(String contactId) {
        return Optional.ofNullable(mongo.findOne(byId(contactId), ContactFollowUps.class, COLLECTION));
    }

    /**
     * Applies a change to the contact's aggregate (a new one if there is none) and writes it if it changed.
     *
     * @return the changes made, already durable in the aggregate's outbox
     */
    List<TaskChange> mutate(String contactId, Function<ContactFollowUps, List<TaskChange>> change) {
        for (int i = 0; i < MAX_TRIES; i++) {
            ContactFollowUps followUps = load(contactId).orElseGet(() -> new ContactFollowUps(contactId));
            List<TaskChange> changes = change.apply(followUps);
            if (!followUps.isModified() || write(followUps)) {
                return changes;
            }
        }
        throw new IllegalStateException("contact " + contactId + " kept changing under " + MAX_TRIES + " tries");
    }

    /** Clears the outbox if nothing changed since {@code published} was read. */
    boolean markPublished(ContactFollowUps published) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(published.getId())
                        .and("version").is(published.getVersion())),
                new Update().set("outbox", List.of()).set("dirty", false), COLLECTION).getMatchedCount() == 1;
    }

    /**
     * Contacts with changes not yet published, id to version (a scan: the sweep runs rarely and finds few).
     */
    java.util.Map<String, Long> dirtyContacts(int limit) {
        Query dirty = Query.query(Criteria.where("dirty").is(true)).limit(limit);
        dirty.fields().include("_id").include("version");
        java.util.Map<String, Long> found = new java.util.HashMap<>();
        for (org.bson.Document d : mongo.find(dirty, org.bson.Document.class, COLLECTION)) {
            found.put(d.getString("_id"), ((Number) d.get("version")).longValue());
        }
        return found;
    }

    private boolean write(ContactFollowUps followUps) {
        long expected = followUps.getVersion();
        followUps.setVersion(expected + 1);
        if (expected == 0) {
            try {
                mongo.insert(followUps, COLLECTION);
                return true;
            } catch (DuplicateKeyException someoneElseFirst) {
                return false;
            }
        }
        Query unchanged = Query.query(Criteria.where("_id").is(followUps.getId()).and("version").is(expected));
        return mongo.findAndReplace(unchanged, followUps, COLLECTION) != null;
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
