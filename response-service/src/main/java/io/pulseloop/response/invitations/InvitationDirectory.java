package io.pulseloop.response.invitations;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.events.survey.InvitationSent;

/**
 * The invitations response-service can serve. Every change is an idempotent single-document update: recording
 * the same event twice leaves the same document, so redelivered invitation events have the effect of one.
 */
@Component
public class InvitationDirectory {

    private static final String COLLECTION = "invitations";
    private static final int MAX_CACHED = 50_000;

    private final MongoTemplate mongo;
    private final Map<String, ParsedSent> parsed = new ConcurrentHashMap<>();

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
        mongo.upsert(byHash(sent.tokenHash().toLowerCase()), update, InvitationDocument.class);
    }

    /** Marks the invitation expired as survey-service decided; the first expiry time is kept. */
    public void expire(InvitationExpired expired) {
        mongo.updateMulti(Query.query(Criteria.where("invitationId").is(expired.invitationId())
                        .and("expiredAt").isNull()),
                Update.update("expiredAt", expired.occurredAt()), InvitationDocument.class);
    }

    /** Marks every invitation of an erased contact: their pages answer {@code 410} from now on. */
    public void erase(String contactId, Instant at) {
        mongo.updateMulti(Query.query(Criteria.where("contactId").is(contactId).and("erasedAt").isNull()),
                Update.update("erasedAt", at), InvitationDocument.class);
    }

    /** Remembers that the contact unsubscribed through this invitation (after the event was published). */
    public void markUnsubscribed(String tokenHash, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(tokenHash).and("unsubscribedAt").isNull()),
                Update.update("unsubscribedAt", at), InvitationDocument.class);
    }

    /** The invitation of a raw URL token, if one was sent with it. */
    public Optional<Invitation> findByToken(String rawToken) {
        if (rawToken == null || rawToken.isBlank() || rawToken.length() > 512) {
            return Optional.empty();
        }
        return findByHash(TokenHash.of(rawToken));
    }

    /**
     * The invitation with a token hash. The mutable part (expiry, erasure, unsubscribe marks) is read every time;
     * the sent event, immutable per event id, is parsed once and kept in a bounded cache.
     */
    public Optional<Invitation> findByHash(String tokenHash) {
        Query query = byHash(tokenHash);
        query.fields().exclude("sent");
        InvitationState state = mongo.findOne(query, InvitationState.class, COLLECTION);
        if (state == null) {
            return Optional.empty();
        }
        ParsedSent cached = parsed.get(tokenHash);
        if (cached == null || state.sentEventId() == null || !state.sentEventId().equals(cached.eventId())) {
            InvitationDocument document = mongo.findOne(byHash(tokenHash), InvitationDocument.class);
            if (document == null) {
                return Optional.empty();
            }
            InvitationSent sent = EventJson.mapper().readValue(document.sent(), InvitationSent.class);
            cached = new ParsedSent(sent.eventId(), sent);
            if (parsed.size() >= MAX_CACHED) {
                parsed.clear();
            }
            parsed.put(tokenHash, cached);
        }
        return Optional.of(new Invitation(tokenHash, cached.sent(), state.expiredAt(), state.erasedAt(),
                state.unsubscribedAt()));
    }

    /** The changing fields of an invitation document. */
    record InvitationState(@Id String tokenHash, String sentEventId, Instant expiredAt, Instant erasedAt,
            Instant unsubscribedAt) {
    }

    private record ParsedSent(String eventId, InvitationSent sent) {
    }

    private static Query byHash(String tokenHash) {
        return Query.query(Criteria.where("_id").is(tokenHash));
    }
}
