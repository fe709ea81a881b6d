package io.pulseloop.response.intake;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Reading responses for staff, and erasing a contact's personal data from them. */
@Service
public class ResponseQueries {

    private final ResponseStore store;
    private final Clock clock;

    ResponseQueries(ResponseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A response by its id, with its revision history. */
    public Optional<ResponseView> find(String responseId) {
        return Optional.ofNullable(store.find(responseId)).map(ResponseQueries::toView);
    }

    /** The id of the response of an invitation (whether or not it was answered yet). */
    public String responseIdOf(String invitationId) {
        return ResponseEvents.responseIdOf(invitationId);
    }

    /**
     * Removes comments and free-text answers of the contact from every response and revision; scores stay.
     * Idempotent: erasing twice leaves the same documents.
     *
     * @return how many responses were changed
     */
    public long eraseContact(String contactId) {
        return store.eraseContact(contactId, clock.instant());
    }

    private static ResponseView toView(ResponseDocument d) {
        Map<String, String> answers = new LinkedHashMap<>();
        if (d.answers() != null) {
            d.answers().forEach(entry -> answers.put(entry.questionId(), entry.answer()));
        }
        List<ResponseView.RevisionView> revisions = d.revisions() == null ? List.of() : d.revisions().stream()
                .map(r -> new ResponseView.RevisionView(r.revision(), r.score(), r.comment(), r.channel(),
                        r.locale(), r.at()))
                .toList();
        return new ResponseView(d.responseId(), d.invitationId(), d.contactId(), d.surveyId(), d.revision(),
                d.score(), d.category(), d.comment(), answers, d.locale(), d.completed(), d.startedAt(),
                d.updatedAt(), d.completedAt(), d.erasedAt() != null, revisions,
                d.outbox() == null ? 0 : d.outbox().size());
    }
}
