package io.pulseloop.response.invitations;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One sent invitation. {@code sent} is the {@code InvitationSent} event as JSON: the snapshot is immutable, and
 * keeping the published form avoids a second mapping of survey texts and context.
 */
@Document("invitations")
record InvitationDocument(
        @Id String tokenHash,
        @Indexed String invitationId,
        @Indexed String contactId,
        Instant expiresAt,
        Instant expiredAt,
        Instant erasedAt,
        Instant unsubscribedAt,
        Instant openedAt,
        String sentEventId,
        String sent) {
}
