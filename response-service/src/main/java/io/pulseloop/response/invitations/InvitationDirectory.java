package io.pulseloop.response.invitations;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.SurveySnapshot;

/**
 * The invitations response-service can serve. Every change is an idempotent single-document update: recording
 * the same event twice leaves the same document, so redelivered invitation events have the effect of one.
 */
@Component
public class InvitationDirectory {

    private static final String COLLECTION = "invitations";
    /** invitation id → token hash, so that an {@code InvitationExpired} (which has no token hash) is an _id update. */
    private static final String KEYS = "invitation_keys";
    /** Parsed invitations kept: a few KB each, so at most ~40 MB of a 512 MB heap. */
    private static final int MAX_CACHED = 20_000;
    private static final Document WITHOUT_SENT = new Document("sent", 0);

    private final MongoTemplate mongo;
    private final Cache<String, ParsedSent> parsed = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();
    private final Cache<SurveySnapshot, SurveySnapshot> snapshots = Caffeine.newBuilder().maximumSize(1_000)
            .build();

    InvitationDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records a sent invitation under its token hash (an upsert: a duplicate event rewrites the same values). */
    public void record(InvitationSent sent) {
        Update update = new Update()
                .set("invitationId", sent.invitationId())
                .set("contactId", sent.contactId())
                .set("expiresAt", sent.expiresAt())
                .set("sentEventId", sent.eventId())
                .set("sent", EventJson.mapper().writeValueAsString(sent));
        String tokenHash = sent.tokenHash().toLowerCase();
        mongo.upsert(byHash(tokenHash), update, InvitationDocument.class);
        mongo.upsert(Query.query(Criteria.where("_id").is(sent.invitationId())), Update.update("tokenHash", tokenHash),
                KEYS);
        cache(tokenHash, sent);
    }

    /**
     * Marks the invitation expired as survey-service decided; the first expiry time is kept. Found by {@code _id}
     * through {@code invitation_keys}; an invitation recorded before that collection existed is found by its
     * invitation id (a scan on the embedded MongoDB server, an index on real MongoDB).
     */
    public void expire(InvitationExpired expired) {
        Document key = mongo.getCollection(KEYS).find(new Document("_id", expired.invitationId())).first();
        if (key == null) {
            mongo.updateMulti(Query.query(Criteria.where("invitationId").is(expired.invitationId())
                            .and("expiredAt").isNull()),
                    Update.update("expiredAt", expired.occurredAt()), InvitationDocument.class);
            return;
        }
        String tokenHash = key.getString("tokenHash");
        Document state = mongo.getCollection(COLLECTION).find(new Document("_id", tokenHash))
                .projection(new Document("expiredAt", 1)).first();
        if (state != null && state.get("expiredAt") == null) {
            mongo.updateFirst(byHash(tokenHash), Update.update("expiredAt", expired.occurredAt()),
                    InvitationDocument.class);
        }
    }

    /** Marks every invitation of an erased contact: their pages answer {@code 410} from now on. */
    public void erase(String contactId, Instant at) {
        mongo.updateMulti(Query.query(Criteria.where("contactId").is(contactId).and("erasedAt").isNull()),
                Update.update("erasedAt", at), InvitationDocument.class);
    }

    /**
     * Remembers that the contact unsubscribed through this invitation (after the event was published). Callers
     * check that it was not marked yet; the update filters on {@code _id} alone, so it is an index lookup on every
     * MongoDB (a repeat in a race only moves the time a little).
     */
    public void markUnsubscribed(String tokenHash, Instant at) {
        mongo.updateFirst(byHash(tokenHash), Update.update("unsubscribedAt", at), InvitationDocument.class);
    }

    /** Remembers that the page view of this invitation was published (an {@code _id} update, like the above). */
    public void markOpened(String tokenHash, Instant at) {
        mongo.updateFirst(byHash(tokenHash), Update.update("openedAt", at), InvitationDocument.class);
    }

    /** The invitation of a raw URL token, if one was sent with it. */
    public Optional<Invitation> findByToken(String rawToken) {
        if (rawToken == null || rawToken.isBlank() || rawToken.length() > 512) {
            return Optional.empty();
        }
        return findByHash(TokenHash.of(rawToken));
    }

    /**
     * The invitation with a token hash. The changing part (expiry, erasure, unsubscribe marks) is read every time;
     * the sent event, immutable per event id, is parsed once and kept in a bounded cache (filled here and when
     * this replica consumes the event), so a known invitation costs one small read and no parsing.
     */
    public Optional<Invitation> findByHash(String tokenHash) {
        MongoCollection<Document> invitations = mongo.getCollection(COLLECTION);
        ParsedSent cached = parsed.getIfPresent(tokenHash);
        if (cached != null) {
            Document state = invitations.find(new Document("_id", tokenHash)).projection(WITHOUT_SENT).first();
            if (state == null) {
                return Optional.empty();
            }
            if (cached.eventId().equals(state.getString("sentEventId"))) {
                return Optional.of(invitation(tokenHash, cached.sent(), state));
            }
        }
        Document document = invitations.find(new Document("_id", tokenHash)).first();
        if (document == null) {
            return Optional.empty();
        }
        InvitationSent sent = cache(tokenHash,
                EventJson.mapper().readValue(document.getString("sent"), InvitationSent.class));
        return Optional.of(invitation(tokenHash, sent, document));
    }

    private static Invitation invitation(String tokenHash, InvitationSent sent, Document state) {
        return new Invitation(tokenHash, sent, instant(state, "expiredAt"), instant(state, "erasedAt"),
                instant(state, "unsubscribedAt"), instant(state, "openedAt"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /**
     * Keeps the parsed event (size-bounded, least recently and least often used dropped first), sharing one
     * survey snapshot object between the invitations that carry it.
     */
    private InvitationSent cache(String tokenHash, InvitationSent sent) {
        SurveySnapshot survey = sent.survey() == null ? null : snapshots.get(sent.survey(), s -> s);
        InvitationSent shared = new InvitationSent(sent.eventId(), sent.occurredAt(), sent.contactId(),
                sent.correlationId(), sent.invitationId(), sent.surveyId(), sent.tokenHash(), sent.expiresAt(),
                sent.locale(), survey, sent.context());
        parsed.put(tokenHash, new ParsedSent(sent.eventId(), shared));
        return shared;
    }

    private record ParsedSent(String eventId, InvitationSent sent) {
    }

    private static Query byHash(String tokenHash) {
        return Query.query(Criteria.where("_id").is(tokenHash));
    }
}
