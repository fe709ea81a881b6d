package io.pulseloop.response.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.ObjectWriter;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ResponseCompleted;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.response.ResponseRevised;
import io.pulseloop.events.response.ResponseStarted;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.privacy.PersonalDataSealer;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.publishing.EventIds;
import io.pulseloop.response.publishing.OutgoingRecord;
import io.pulseloop.response.rules.AnswerPolicy;

/**
 * The events of one answer, keyed by contact id: {@code ResponseStarted} or {@code ResponseRevised}, one
 * {@code ScoreRecorded} carrying the whole current answer (so the highest revision alone tells everything), and
 * {@code ResponseCompleted} the one time the response completes.
 */
final class ResponseEvents {

    private static final ObjectWriter RESPONSE_WRITER = EventJson.mapper().writerFor(ResponseEvent.class);
    private static final ObjectWriter SCORE_WRITER = EventJson.mapper().writerFor(ScoreRecorded.class);

    private ResponseEvents() {
    }

    /** The stable response id of an invitation: the same for every revision and every replica. */
    static String responseIdOf(String invitationId) {
        return UUID.nameUUIDFromBytes(("pulseloop-response:" + invitationId).getBytes(
                StandardCharsets.UTF_8)).toString();
    }

    /**
     * @param sealing the contact's data key (docs/privacy.md): the comment and the extra answers leave sealed, and a
     *                key record not yet on the key topic goes first, in the same outbox
     */
    static List<OutgoingRecord> of(Invitation invitation, String responseId, AnswerPolicy.Decision decision,
            ScoreCategory category, Map<String, String> answers, String locale, ResponseChannel channel,
            Instant now, PersonalDataSealer.Sealing sealing) {
        String contactId = invitation.contactId();
        String correlationId = invitation.sent().correlationId();
        String invitationId = invitation.invitationId();
        SurveySnapshot survey = invitation.survey();
        String surveyId = invitation.sent().surveyId() != null ? invitation.sent().surveyId() : survey.surveyId();
        List<OutgoingRecord> records = new ArrayList<>(4);
        sealing.keyRecords().forEach(key -> records.add(new OutgoingRecord("key-" + newId(), key.topic(), key.key(),
                "ContactKey", new String(key.value(), StandardCharsets.UTF_8))));
        if (decision.kind() == AnswerPolicy.Kind.STARTED) {
            records.add(response(new ResponseStarted(newId(), now, contactId, correlationId, responseId,
                    invitationId, surveyId, channel)));
        }
        else {
            records.add(response(new ResponseRevised(newId(), now, contactId, correlationId, responseId,
                    invitationId, surveyId, decision.revision(), decision.previousScore(), decision.score(),
                    channel)));
        }
        ScoreRecorded score = new ScoreRecorded(newId(), now, contactId, correlationId, responseId, invitationId,
                decision.revision(), surveyId, survey.version(), survey.metric(), decision.score(), category,
                sealing.seal(contactId, decision.comment()), sealing.sealValues(contactId, answers), locale, channel, invitation.sent().occurredAt(), invitation.context());
        records.add(new OutgoingRecord(score.eventId(), Topics.RESPONSE_SCORES, contactId, "ScoreRecorded",
                SCORE_WRITER.writeValueAsString(score)));
        if (decision.completesNow()) {
            records.add(response(new ResponseCompleted(newId(), now, contactId, correlationId, responseId,
                    invitationId, surveyId, channel)));
        }
        return records;
    }

    private static OutgoingRecord response(ResponseEvent event) {
        return new OutgoingRecord(event.eventId(), Topics.RESPONSE_RESPONSES, event.contactId(),
                event.getClass().getSimpleName(), RESPONSE_WRITER.writeValueAsString(event));
    }

    private static String newId() {
        return EventIds.newId();
    }
}
