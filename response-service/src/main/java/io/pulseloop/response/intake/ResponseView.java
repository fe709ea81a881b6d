package io.pulseloop.response.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A response as staff see it: the current answer and every revision ({@code GET /api/v1/responses/{id}}).
 *
 * @param pendingEvents how many of its events are still waiting in the outbox for Kafka
 */
public record ResponseView(String responseId, String invitationId, String contactId, String surveyId,
        int revision, int score, String category, String comment, Map<String, String> answers, String locale,
        boolean completed, Instant startedAt, Instant updatedAt, Instant completedAt, boolean erased,
        List<RevisionView> revisions, int pendingEvents) {

    /** One answer of the history. */
    public record RevisionView(int revision, int score, String comment, String channel, String locale,
            Instant at) {
    }
}
