package io.pulseloop.analytics.rates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.analytics.query.Dimensions;
import io.pulseloop.analytics.query.Period;

/**
 * One document per invitation ({@code _id} = invitation id) with flags that only ever turn on: invited (issued or
 * sent), opened, started, completed. Every event is one {@code _id} upsert of {@code $set} flags and {@code $min}
 * times, so redelivery and any order of the topics give the same document.
 *
 * <p><b>Opened.</b> The survey page viewed ({@code SurveyPageViewed}, once per invitation from response-service), a
 * score clicked, or an answer given: a page opened and left without an answer counts as opened, not started.
 */
@Component
public class InvitationFacts {

    private static final String COLLECTION = "invitation_facts";

    private final MongoTemplate mongo;

    InvitationFacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void invited(String invitationId, String surveyId, Instant at, Dimensions dims) {
        mongo.upsert(byId(invitationId), new Update().set("invited", true).set("surveyId", surveyId).set("dims", dims)
                .min("invitedAt", at), COLLECTION);
        fixDay(invitationId);
    }

    public void opened(String invitationId, String surveyId) {
        flag(invitationId, surveyId, new Update().set("opened", true));
    }

    public void started(String invitationId, String surveyId) {
        flag(invitationId, surveyId, new Update().set("opened", true).set("started", true));
    }

    public void completed(String invitationId, String surveyId) {
        flag(invitationId, surveyId, new Update().set("opened", true).set("started", true).set("completed", true));
    }

    /** Streams the invitations invited in the period (either end open), optionally of one survey. */
    public void forEach(String surveyId, Period period, Consumer<InvitationFact> sink) {
        Criteria criteria = Criteria.where("invited").is(true);
        if (surveyId != null) {
            criteria = criteria.and("surveyId").is(surveyId);
        }
        if (period.from() != null || period.to() != null) {
            Criteria day = criteria.and("day");
            if (period.from() != null) {
                day.gte(period.fromKey());
            }
            if (period.to() != null) {
                day.lte(period.toKey());
            }
        }
        try (Stream<InvitationFact> facts = mongo.stream(Query.query(criteria), InvitationFact.class, COLLECTION)) {
            facts.forEach(sink);
        }
    }

    private void flag(String invitationId, String surveyId, Update update) {
        if (invitationId == null) {
            return;
        }
        if (surveyId != null) {
            update.setOnInsert("surveyId", surveyId);
        }
        mongo.upsert(byId(invitationId), update, COLLECTION);
    }

    /** The UTC day of the (earliest) invitation time, kept beside it for range filters. */
    private void fixDay(String invitationId) {
        InvitationFact fact = mongo.findById(invitationId, InvitationFact.class, COLLECTION);
        if (fact != null && fact.invitedAt() != null) {
            String day = LocalDate.ofInstant(fact.invitedAt(), ZoneOffset.UTC).toString();
            if (!day.equals(fact.day())) {
                mongo.updateFirst(byId(invitationId), new Update().set("day", day), COLLECTION);
            }
        }
    }

    private static Query byId(String invitationId) {
        return Query.query(Criteria.where("_id").is(invitationId));
    }

    /** An invitation's progress. */
    @Document(COLLECTION)
    @CompoundIndex(name = "period_query", def = "{'surveyId': 1, 'day': 1}")
    public record InvitationFact(@Id String invitationId, String surveyId, Boolean invited, Instant invitedAt,
            String day, Dimensions dims, Boolean opened, Boolean started, Boolean completed) {

        public boolean wasOpened() {
            return Boolean.TRUE.equals(opened);
        }

        public boolean wasStarted() {
            return Boolean.TRUE.equals(started);
        }

        public boolean wasCompleted() {
            return Boolean.TRUE.equals(completed);
        }
    }
}
