package io.pulseloop.closedloop.alerts;

import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Queues alerts durably: one email (when there is a recipient) and one post per webhook endpoint. Idempotent by the
 * alerted event's id, so a redelivered or republished change alerts once.
 */
@Component
public class Alerts {

    private final MongoTemplate mongo;
    private final AlertProperties properties;
    private final Clock clock;

    Alerts(MongoTemplate mongo, AlertProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    public void enqueue(AlertRequest request) {
        Instant now = clock.instant();
        if (request.recipientOwnerId() != null) {
            insert(new Alert("EMAIL::" + request.eventId(), Alert.Channel.EMAIL, null, request.contactId(), request,
                    Alert.Status.PENDING, 0, now, null, now, null, null));
        }
        if (request.kind() != AlertKind.DIGEST) {
            for (AlertProperties.Endpoint endpoint : properties.endpoints()) {
                insert(new Alert("WEBHOOK:" + endpoint.name() + ":" + request.eventId(), Alert.Channel.WEBHOOK,
                        endpoint.name(), request.contactId(), request, Alert.Status.PENDING, 0, now, null, now, null, null));
            }
        }
    }

    /**
     * Erasure (contract §8.2): every alert about the contact goes, pending or sent, with the comment and name its
     * request holds. Nothing re-alerts afterwards: an erased contact's task changes queue no alert.
     */
    public void forgetContact(String contactId) {
        mongo.remove(Query.query(Criteria.where("contactId").is(contactId)), Alert.class);
    }

    private void insert(Alert alert) {
        try {
            mongo.insert(alert);
        } catch (DuplicateKeyException alreadyQueued) {
            // the same change queued again (redelivery, republished outbox): one alert is enough
        }
    }
}
