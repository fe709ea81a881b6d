package io.pulseloop.response.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.response.intake.ResponseDocument.AnswerEntry;
import io.pulseloop.response.intake.ResponseDocument.Revision;

/**
 * MongoDB operations on responses, each one single-document and atomic. A revision is written only if the
 * response still has the revision it was computed from (compare-and-set), so concurrent answers to one
 * invitation get distinct, consecutive revision numbers.
 */
@Component
class ResponseStore {

    static final String COLLECTION = "responses";

    private final MongoTemplate mongo;

    ResponseStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    ResponseDocument find(String responseId) {
        return mongo.findById(responseId, ResponseDocument.class);
    }

    /** Inserts the first answer; {@code false} if a concurrent first answer won. */
    boolean insertFirst(ResponseDocument document) {
        try {
            mongo.getCollection(COLLECTION).insertOne(ResponseBson.of(document));
            return true;
        }
        catch (MongoWriteException ex) {
            if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw ex;
        }
        catch (DuplicateKeyException concurrentFirstAnswer) {
            return false;
        }
    }

    /** Applies a revision computed from {@code expectedRevision}; {@code false} if another answer came first. */
    boolean revise(String responseId, int expectedRevision, ResponseDocument next, Revision revision,
            List<OutboxEntry> outbox) {
        Update update = new Update()
                .set("revision", next.revision())
                .set("score", next.score())
                .set("category", next.category())
                .set("answers", ResponseBson.answers(next.answers()))
                .set("locale", next.locale())
                .set("channel", next.channel())
                .set("completed", next.completed())
                .set("updatedAt", next.updatedAt())
                .push("revisions", ResponseBson.of(revision));
        io.pulseloop.platform.mongo.OutboxRelay.append(update, outbox);
        if (next.comment() == null) {
            update.unset("comment");
        }
        else {
            update.set("comment", next.comment());
        }
        if (next.completedAt() != null) {
            update.set("completedAt", next.completedAt());
        }
        Query query = Query.query(Criteria.where("_id").is(responseId).and("revision").is(expectedRevision));
        return mongo.updateFirst(query, update, ResponseDocument.class).getModifiedCount() == 1;
    }

    /**
     * Irreversibly removes the contact's comments and free-text answers, in the response and in every revision;
     * scores stay. Returns how many responses were changed.
     */
    long eraseContact(String contactId, Instant at) {
        long changed = 0;
        Query query = Query.query(Criteria.where("contactId").is(contactId));
        for (ResponseDocument response : mongo.find(query, ResponseDocument.class)) {
            List<Revision> revisions = new ArrayList<>();
            for (Revision revision : nullSafe(response.revisions())) {
                revisions.add(new Revision(revision.revision(), revision.score(), null,
                        withoutFreeText(revision.answers()), revision.channel(), revision.locale(),
                        revision.at()));
            }
            Update update = new Update()
                    .unset("comment")
                    .set("answers", withoutFreeText(response.answers()))
                    .set("revisions", revisions)
                    .set("erasedAt", at);
            changed += mongo.updateFirst(Query.query(Criteria.where("_id").is(response.responseId())), update,
                    ResponseDocument.class).getModifiedCount();
        }
        return changed;
    }

    private static List<AnswerEntry> withoutFreeText(List<AnswerEntry> answers) {
        return nullSafe(answers).stream().filter(entry -> !entry.freeText()).toList();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
