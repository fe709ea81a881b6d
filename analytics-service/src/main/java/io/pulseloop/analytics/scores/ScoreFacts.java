package io.pulseloop.analytics.scores;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;

/** The store of score facts. */
@Component
public class ScoreFacts {

    private final MongoTemplate mongo;

    ScoreFacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Keeps the score at its highest revision. Idempotent: the same event again, or an older revision arriving
     * late, leaves the fact as it is.
     */
    public void record(ScoreRecorded score) {
        ScoreFact fact = new ScoreFact(score.responseId(), score.revision(), score.contactId(), score.surveyId(),
                score.metric(), score.score(), score.category(), score.comment(), score.locale(),
                score.occurredAt(), score.context());
        Query olderRevision = Query.query(Criteria.where("_id").is(score.responseId())
                .and("revision").lt(score.revision()));
        try {
            mongo.findAndReplace(olderRevision, fact, FindAndReplaceOptions.options().upsert());
        } catch (DuplicateKeyException alreadyAtThisOrANewerRevision) {
            // the filter missed because the fact is already at this or a newer revision: nothing to do
        }
    }

    public Optional<ScoreFactView> find(String responseId) {
        return Optional.ofNullable(mongo.findById(responseId, ScoreFact.class))
                .map(f -> new ScoreFactView(f.responseId(), f.revision(), f.metric(), f.score()));
    }

    /** What a fact looks like outside this package. */
    public record ScoreFactView(String responseId, int revision, Metric metric, int score) {
    }
}
