package io.pulseloop.response.intake;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import io.pulseloop.platform.mongo.OutboxEntry;

/**
 * The response to one invitation: its current state, every revision, and the outbox of events not yet
 * acknowledged by Kafka (the platform's {@code OutboxEntry}, stored as {@code {eventId, topic, key, eventType,
 * payload, createdAt}}). All three change in one single-document update, which MongoDB applies atomically.
 *
 * <p>The unique index on {@code (_id, revision)} adds nothing to uniqueness; it exists for the compare-and-set of
 * a revision, whose filter is {@code {_id, revision}}: the embedded MongoDB server uses an index only for a filter
 * whose keys are exactly an index's keys and scans the collection otherwise (real MongoDB uses {@code _id} either
 * way).
 */
@Document("responses")
@CompoundIndex(name = "revision_cas", def = "{'_id': 1, 'revision': 1}", unique = true)
@CompoundIndex(name = "outbox.createdAt", def = "{'outbox.createdAt': 1}")
record ResponseDocument(
        @Id String responseId,
        String invitationId,
        @Indexed String contactId,
        String surveyId,
        int revision,
        int score,
        String category,
        String comment,
        List<AnswerEntry> answers,
        String locale,
        String channel,
        boolean completed,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt,
        Instant erasedAt,
        List<Revision> revisions,
        List<OutboxEntry> outbox) {

    /**
     * One extra question's answer (a list, not a map: question ids are not safe as field names).
     *
     * @param freeText whether it is typed text, which erasure removes
     */
    record AnswerEntry(String questionId, String answer, boolean freeText) {
    }

    /** One answer as it was given; revision 1 is the first. */
    record Revision(int revision, int score, String comment, List<AnswerEntry> answers, String channel,
            String locale, Instant at) {
    }
}
