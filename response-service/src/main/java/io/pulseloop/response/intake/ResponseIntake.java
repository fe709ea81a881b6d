package io.pulseloop.response.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot;
import io.pulseloop.events.survey.SurveySnapshot.ExtraQuestion;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.platform.privacy.PersonalDataSealer;
import io.pulseloop.response.intake.ResponseDocument.AnswerEntry;
import io.pulseloop.response.intake.ResponseDocument.Revision;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.response.publishing.OutgoingRecord;
import io.pulseloop.response.ratelimit.RateLimits;
import io.pulseloop.response.rules.AnswerPolicy;
import io.pulseloop.response.rules.LanguageChoice;
import io.pulseloop.response.rules.Scores;

/**
 * Takes answers to invitations.
 *
 * <p><b>Why an outbox, not publish-first.</b> One answer produces two or three records on two topics
 * ({@code response.responses.v1} and {@code response.scores.v1}). Publishing them first and storing afterwards
 * leaves a window where one record is written and another is not, and the caller, told "failed", would see a
 * phantom score downstream. Instead the answer, its revision and its events are written to the response document
 * in one atomic single-document update (no multi-document transaction needed); the request then publishes the
 * events, waits for {@code acks=all}, removes them from the outbox, and only then answers {@code 201}/{@code 200}.
 * If Kafka does not acknowledge within {@code pulseloop.events.publish.ack-timeout} (every producer wait is bounded, see
 * {@link io.pulseloop.platform.events.EventPublisher}), the answer is already durable: the caller is told so
 * ({@link AnswerReceipt#published()} false, never an error for a stored answer) and the relay publishes it; if the
 * process dies at any point, {@link OutboxRelay} publishes what is left. Every published event therefore belongs
 * to a stored answer (no phantom), and every stored answer is published at least once (none lost); a record that
 * goes out twice has the same event id, which consumers deduplicate on. The revision is written with a
 * compare-and-set on the previous revision, so concurrent answers to one invitation (a double click, two
 * replicas) get consecutive revision numbers instead of overwriting each other.
 */
@Service
public class ResponseIntake {

    private static final Logger log = LoggerFactory.getLogger(ResponseIntake.class);

    private static final int MAX_ATTEMPTS = 8;

    private final InvitationDirectory invitations;
    private final ResponseStore store;
    private final OutboxRelay relay;
    private final RateLimits rateLimits;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PersonalDataSealer sealer;
    private final UnknownLinks unknownLinks;

    ResponseIntake(InvitationDirectory invitations, UnknownLinks unknownLinks, ResponseStore store, OutboxRelay relay,
            RateLimits rateLimits, Clock clock, MeterRegistry meters, PersonalDataSealer sealer) {
        this.sealer = sealer;
        this.unknownLinks = unknownLinks;
        this.invitations = invitations;
        this.store = store;
        this.relay = relay;
        this.rateLimits = rateLimits;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The invitation of a token, if it can still be answered.
     *
     * @throws InvitationNotFoundException no invitation has this token
     * @throws LinkNotConfirmedException   none yet, but its invitation may not have been read yet (503)
     * @throws InvitationGoneException     it expired, or its contact was erased
     */
    public Invitation openInvitation(String rawToken) {
        Invitation invitation = invitations.findByToken(rawToken).orElseGet(() -> unknownLinks.resolve(rawToken));
        if (invitation.isGoneAt(clock.instant())) {
            throw new InvitationGoneException(invitation);
        }
        return invitation;
    }

    /** The response to an invitation so far, if any. */
    public Optional<CurrentResponse> currentResponse(Invitation invitation) {
        ResponseDocument document = store.find(ResponseEvents.responseIdOf(invitation.invitationId()));
        return Optional.ofNullable(document).map(d -> new CurrentResponse(d.responseId(), d.revision(), d.score(),
                d.comment(), toMap(d.answers()), d.completed()));
    }

    /**
     * Records an answer to the invitation of {@code rawToken}: the first starts the response, later ones revise it.
     * Returns once the events are acknowledged by Kafka, or, if Kafka is too slow, once they are safely in the
     * outbox ({@link AnswerReceipt#published()} tells which).
     *
     * @throws InvitationNotFoundException no invitation has this token (404)
     * @throws LinkNotConfirmedException   none yet, but the invitation consumer is behind (503)
     * @throws InvitationGoneException     it expired or its contact was erased (410)
     * @throws InvalidAnswerException      the score is off the survey's scale, the comment too long, an extra
     *                                     answer unknown or invalid (400, naming the field)
     * @throws io.pulseloop.response.ratelimit.RateLimitedException too many answers for this token (429)
     */
    public AnswerReceipt answer(String rawToken, Answer answer) {
        return answer(openInvitation(rawToken), answer);
    }

    /**
     * Records an answer to an invitation the caller has just opened with {@link #openInvitation(String)} (saves
     * the second lookup). Overload is refused before any of this, by {@link IntakeAdmission}.
     */
    public AnswerReceipt answer(Invitation invitation, Answer answer) {
        rateLimits.checkToken(invitation.tokenHash());
        validate(invitation.survey(), answer);
        return record(invitation, answer);
    }

    private AnswerReceipt record(Invitation invitation, Answer answer) {
        SurveySnapshot survey = invitation.survey();
        String responseId = ResponseEvents.responseIdOf(invitation.invitationId());
        String locale = answer.language() != null ? answer.language()
                : LanguageChoice.supported(invitation.locale()).orElse(LanguageChoice.FALLBACK);
        String comment = answer.comment() == null ? null : normalise(answer.comment());
        AnswerPolicy.Incoming incoming = new AnswerPolicy.Incoming(answer.score(), comment,
                normaliseAll(answer.answers()), answer.completes(), answer.oneClick());
        // most answers are first answers: assume there is no response yet and let the insert tell otherwise
        boolean assumeNew = true;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ResponseDocument current = assumeNew ? null : store.find(responseId);
            assumeNew = false;
            AnswerPolicy.Decision decision = AnswerPolicy.decide(current == null ? null : toCurrent(current),
                    incoming);
            ScoreCategory category = Scores.categorize(survey.metric(), decision.score());
            if (decision.kind() == AnswerPolicy.Kind.UNCHANGED) {
                count(decision, answer);
                return receipt(invitation, responseId, decision, category, true);
            }
            Instant now = clock.instant();
            List<OutgoingRecord> records = ResponseEvents.of(invitation, responseId, decision, category,
                    decision.answers(), locale, answer.channel(), now,
                    sealer.prepareForOutbox(List.of(invitation.contactId())));
            List<OutboxEntry> outbox = records.stream().map(record -> record.toOutboxEntry(now)).toList();
            List<AnswerEntry> answers = toEntries(decision.answers(), survey);
            Revision revision = new Revision(decision.revision(), decision.score(), decision.comment(), answers,
                    answer.channel().name(), locale, now);
            ResponseDocument next = new ResponseDocument(responseId, invitation.invitationId(),
                    invitation.contactId(), survey.surveyId(), decision.revision(), decision.score(),
                    category.name(), decision.comment(), answers, locale, answer.channel().name(),
                    decision.completed(), current == null ? now : current.startedAt(), now,
                    decision.completesNow() ? now : null, null, List.of(revision), outbox);
            boolean stored = current == null ? store.insertFirst(next)
                    : store.revise(responseId, current.revision(), next, revision, outbox);
            if (stored) {
                boolean published = relay.publishNow(responseId, records);
                count(decision, answer);
                return receipt(invitation, responseId, decision, category, published);
            }
            log.debug("Answer to invitation {} raced another one; recomputing (attempt {})",
                    invitation.invitationId(), attempt);
        }
        throw new OptimisticLockingFailureException("Too many concurrent answers to invitation "
                + invitation.invitationId());
    }

    private void count(AnswerPolicy.Decision decision, Answer answer) {
        meters.counter("pulseloop.response.answers", "outcome", decision.kind().name().toLowerCase(),
                "channel", answer.channel().name()).increment();
    }

    private static AnswerReceipt receipt(Invitation invitation, String responseId, AnswerPolicy.Decision decision,
            ScoreCategory category, boolean published) {
        return new AnswerReceipt(responseId, invitation.invitationId(), decision.kind(), decision.revision(),
                decision.score(), category, decision.completed(), published);
    }

    /** Checks the answer against the survey it answers. */
    static void validate(SurveySnapshot survey, Answer answer) {
        if (!Scores.isOnScale(survey.metric(), answer.score())) {
            throw new InvalidAnswerException("score", "score must be a whole number from " + survey.metric().min()
                    + " to " + survey.metric().max());
        }
        if (answer.comment() != null && length(answer.comment()) > Answer.MAX_COMMENT_LENGTH) {
            throw new InvalidAnswerException("comment", "comment must be at most " + Answer.MAX_COMMENT_LENGTH
                    + " characters");
        }
        answer.answers().forEach((questionId, value) -> validateExtra(survey, questionId, value));
    }

    private static void validateExtra(SurveySnapshot survey, String questionId, String value) {
        String field = "answers." + questionId;
        ExtraQuestion question = questionOf(survey, questionId)
                .orElseThrow(() -> new InvalidAnswerException(field, "the survey has no question " + questionId));
        if (value == null || value.isBlank()) {
            return;
        }
        switch (question.type()) {
            case RATING -> {
                if (!value.matches("[1-5]")) {
                    throw new InvalidAnswerException(field, field + " must be a rating from 1 to 5");
                }
            }
            case SINGLE_CHOICE -> {
                if (question.options() == null || !question.options().containsKey(value)) {
                    throw new InvalidAnswerException(field, field + " must be one of the question's options");
                }
            }
            case FREE_TEXT -> {
                if (length(value) > Answer.MAX_COMMENT_LENGTH) {
                    throw new InvalidAnswerException(field, field + " must be at most " + Answer.MAX_COMMENT_LENGTH
                            + " characters");
                }
            }
        }
    }

    static Optional<ExtraQuestion> questionOf(SurveySnapshot survey, String questionId) {
        return survey.extraQuestions() == null ? Optional.empty()
                : survey.extraQuestions().stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Plain text as typed: line breaks unified, control characters other than tab and newline dropped. */
    static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
    }

    private static Map<String, String> normaliseAll(Map<String, String> answers) {
        Map<String, String> normalised = new LinkedHashMap<>();
        answers.forEach((id, value) -> normalised.put(id, value == null ? null : normalise(value)));
        return normalised;
    }

    private static AnswerPolicy.Current toCurrent(ResponseDocument document) {
        return new AnswerPolicy.Current(document.revision(), document.score(), document.comment(),
                toMap(document.answers()), document.completed());
    }

    private static Map<String, String> toMap(List<AnswerEntry> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        if (entries != null) {
            entries.forEach(entry -> map.put(entry.questionId(), entry.answer()));
        }
        return map;
    }

    private static List<AnswerEntry> toEntries(Map<String, String> answers, SurveySnapshot survey) {
        List<AnswerEntry> entries = new ArrayList<>();
        answers.forEach((id, value) -> entries.add(new AnswerEntry(id, value, questionOf(survey, id)
                .map(q -> q.type() == SurveySnapshot.QuestionType.FREE_TEXT).orElse(true))));
        return entries;
    }
}
