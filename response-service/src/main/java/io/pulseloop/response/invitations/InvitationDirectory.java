package io.pulseloop.response.invitations;

import java.time.Instant;
import java.util.Optional;

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

    private final MongoTemplate mongo;

    InvitationDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records a sent invitation under its token hash (an upsert: a duplicate event rewrites the same values). */
    public void record(InvitationSent sent) {
        Update update = new Update()
                .set("invitationId", sent.invitationId())
                .set("contactId", sent.contactId())
                .set("expiresAt", sent.expiresAt())
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

    /** The invitation with a token hash. */
    public Optional<Invitation> findByHash(String tokenHash) {
        InvitationDocument document = mongo.findOne(byHash(tokenHash), InvitationDocument.class);
        if (document == null) {
            return Optional.empty();
        }
        InvitationSent sent = EventJson.mapper().readValue(document.sent(), InvitationSent.class);
        return Optional.of(new Invitation(document.tokenHash(), sent, document.expiredAt(), document.erasedAt(),
                document.unsubscribedAt()));
    }

    private static Query byHash(String tokenHash) {
        return Query.query(Criteria.where("_id").is(tokenHash));
    }
}
