package io.pulseloop.closedloop.alerts;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One delivery to do: an email, or a post to one webhook endpoint. {@code _id} is channel, endpoint and the
 * alerted event's id, so queuing the same alert twice keeps one.
 *
 * @param nextTryAt   when delivery is (next) due; also the claim: a dispatcher moves it forward before trying
 * @param lastTriedAt wall-clock time the last try started (operations: shows the per-endpoint spacing)
 */
@Document("alerts")
record Alert(@Id String id, Channel channel, String endpoint, String contactId, AlertRequest request, Status status,
        int tries, Instant nextTryAt, String lastError, Instant createdAt, Instant sentAt, Instant lastTriedAt) {

    enum Channel { EMAIL, WEBHOOK }

    enum Status { PENDING, SENT, NO_RECIPIENT }
}
