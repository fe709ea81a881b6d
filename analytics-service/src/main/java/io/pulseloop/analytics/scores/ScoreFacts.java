package io.pulseloop.analytics.scores;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.analytics.query.Dimensions;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;

/**
 * The store of score facts, one document per response ({@code _id} = response id).
 *
 * <p><b>Idempotent and revision-safe.</b> The write path is a read of the fact by {@code _id} and one write by
 * {@code _id}: an insert (a duplicate-key error means another write won, and we read again), or a replace. A score
 * whose revision is not higher than the stored one changes nothing but may move
 * the response's date earlier (an older answer delivered late): the date is always that of the first answer. So
 * redelivery, a crash before the offset commit and revisions in any order all leave one fact at its latest score.
 *
 * <p><b>Queries scan.</b> Aggregates are computed from the facts at query time with one filtered scan (metric,
 * survey, day range), streamed so that memory holds one tally per group, not the facts. Real MongoDB answers the
 * filter from the index {@code (metric, surveyId, day)}; the embedded server scans. The write path never scans.
 */
@Component
public class ScoreFacts {

    private static final String COLLECTION = "score_facts";

    private final MongoTemplate mongo;

    ScoreFacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Applies one score event.
     *
     * @param contactErased the contact was erased before: the fact keeps no comment
     * @return whether the fact changed (a new response, a higher revision, or an earlier first answer)
     */
    public boolean record(ScoreRecorded score, boolean contactErased) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ScoreFact existing = mongo.findById(score.responseId(), ScoreFact.class, COLLECTION);
            if (existing == null) {
                try {
                    mongo.insert(fact(score, score.occurredAt(), comment(score, null, contactErased), contactErased),
                            COLLECTION);
                    return true;
                } catch (DuplicateKeyException anotherWriteWon) {
                    continue;
                }
            }
            Instant firstAnswer = existing.answeredAt() == null || score.occurredAt().isBefore(existing.answeredAt())
                    ? score.occurredAt() : existing.answeredAt();
            boolean erased = existing.erased() || contactErased;
            ScoreFact next;
            if (score.revision() > existing.revision()) {
                next = fact(score, firstAnswer, comment(score, existing.comment(), erased), erased);
            } else if (!firstAnswer.equals(existing.answeredAt())) {
                next = new ScoreFact(existing.responseId(), existing.revision(), existing.eventId(),
                        existing.contactId(), existing.accountId(), existing.surveyId(), existing.metric(),
                        existing.score(), firstAnswer, day(firstAnswer), existing.dims(), existing.comment(),
                        existing.locale(), existing.erased());
            } else {
                return false; // a duplicate, or an older revision: the stored fact already says more
            }
            // a plain _id replace: the read-decide-write cannot race, because all events of a response share its
            // contact's key, hence one partition, consumed by one thread; on redelivery it decides the same again
            mongo.findAndReplace(Query.query(Criteria.where("_id").is(existing.responseId())), next,
                    FindAndReplaceOptions.none(), ScoreFact.class, COLLECTION);
            return true;
        }
        throw new IllegalStateException("Score fact " + score.responseId() + " kept being inserted concurrently");
    }

    /** Erasure: the contact's comments are removed, the scores stay (contract §8.2). */
    public long erase(String contactId) {
        return mongo.updateMulti(Query.query(Criteria.where("contactId").is(contactId)),
                new Update().unset("comment").set("erased", true), COLLECTION).getModifiedCount();
    }

    public Optional<ScoreRow> find(String responseId) {
        return Optional.ofNullable(mongo.findById(responseId, ScoreFact.class, COLLECTION)).map(ScoreFacts::row);
    }

    /**
     * Streams the facts matching the filter (any argument may be {@code null} for "any") to {@code sink}; a scan
     * bounded by the filter, see the class comment.
     */
    public void forEach(Metric metric, String surveyId, Period period, Collection<String> contactIds,
            Consumer<ScoreRow> sink) {
        Criteria criteria = new Criteria();
        if (metric != null) {
            criteria = criteria.and("metric").is(metric);
        }
        if (surveyId != null) {
            criteria = criteria.and("surveyId").is(surveyId);
        }
        if (period != null && (period.from() != null || period.to() != null)) {
            Criteria day = criteria.and("day");
            if (period.from() != null) {
                day = day.gte(period.fromKey());
            }
            if (period.to() != null) {
                day = day.lte(period.toKey());
            }
        }
        if (contactIds != null) {
            criteria = criteria.and("contactId").in(contactIds);
        }
        try (Stream<ScoreFact> facts = mongo.stream(Query.query(criteria), ScoreFact.class, COLLECTION)) {
            facts.map(ScoreFacts::row).forEach(sink);
        }
    }

    private static ScoreRow row(ScoreFact fact) {
        return new ScoreRow(fact.responseId(), fact.revision(), fact.contactId(), fact.accountId(), fact.surveyId(),
                fact.metric(), fact.score(), fact.answeredAt(), LocalDate.parse(fact.day()), fact.dims(),
                fact.comment(), fact.locale(), fact.erased());
    }

    private static ScoreFact fact(ScoreRecorded score, Instant answeredAt, String comment, boolean erased) {
        return new ScoreFact(score.responseId(), score.revision(), score.eventId(), score.contactId(),
                score.context() == null ? null : score.context().accountId(), score.surveyId(), score.metric(),
                score.score(), answeredAt, day(answeredAt), Dimensions.of(score.context(), score.surveyId(),
                        score.locale()), comment, score.locale(), erased);
    }

    /** The latest non-empty comment wins; a revision that only changes the score keeps the earlier comment. */
    private static String comment(ScoreRecorded score, String previous, boolean erased) {
        if (erased) {
            return null;
        }
        return score.comment() != null && !score.comment().isBlank() ? score.comment() : previous;
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
