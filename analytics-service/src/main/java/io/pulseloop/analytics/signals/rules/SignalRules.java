package io.pulseloop.analytics.signals.rules;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.pulseloop.events.signal.ChurnRiskCleared;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.signal.UpsellOpportunityDetected;
import io.pulseloop.events.signal.UpsellOpportunityWithdrawn;
import io.pulseloop.events.survey.Metric;

/**
 * Contract §8.1 as a pure function of (answer, remembered state) to (new state, signals).
 *
 * <ul>
 *   <li><b>Churn risk</b> for an account: two or more detractor answers from contacts of one {@code key} account
 *       within {@link #CHURN_WINDOW} of each other, or a contact's NPS falling from promoter (previous response) to
 *       detractor (this response). A revision is the same answer with its latest score. Cleared by the account's
 *       next promoter answer.</li>
 *   <li><b>Upsell</b>: a promoter whose account has not bought every product seen so far in won deals; withdrawn
 *       by the contact's later detractor or passive answer (or a revision of the promoter answer out of the
 *       band).</li>
 * </ul>
 *
 * <p><b>Exactly once.</b> An answer whose revision was already evaluated changes nothing, and every signal's
 * {@code eventId} is a name-based UUID of what raised it (rule, account, response, revision): evaluating the same
 * answer again after a crash republishes the same ids, which consumers deduplicate.
 */
public final class SignalRules {

    /** Key-account detractor answers count together within this window. */
    public static final Duration CHURN_WINDOW = Duration.ofDays(30);

    /** Responses remembered per contact, enough to know the previous answer. */
    static final int ANSWERS_KEPT = 5;

    private SignalRules() {
    }

    /**
     * @param productsSeen    every product seen so far in won deals
     * @param accountProducts the products the answer's account has bought
     * @param accountDealIds  the account's won deals (evidence)
     * @return empty when this revision of the response was already evaluated
     */
    public static Optional<Evaluation> evaluate(ScoredAnswer answer, ContactSignals contact, AccountSignals account,
            Set<String> productsSeen, Set<String> accountProducts, List<String> accountDealIds) {
        Integer evaluated = contact.revisions().get(answer.responseId());
        if (evaluated != null && evaluated >= answer.revision()) {
            return Optional.empty();
        }
        List<SignalEvent> signals = new ArrayList<>();

        // the contact's answers with this one at its latest score; the previous answer is the one before it in time
        List<NpsAnswer> answers = new ArrayList<>(contact.answers());
        answers.removeIf(a -> a.responseId().equals(answer.responseId()));
        answers.add(answer.asAnswer());
        answers.sort(Comparator.comparing(NpsAnswer::answeredAt).thenComparing(NpsAnswer::responseId));
        Optional<NpsAnswer> previous = answers.stream()
                .filter(a -> a.answeredAt().isBefore(answer.answeredAt())).reduce((first, second) -> second);
        while (answers.size() > ANSWERS_KEPT) {
            answers.remove(0);
        }

        // the account's detractor answers within the window of the newest
        List<NpsAnswer> detractors = new ArrayList<>(account.recentDetractors());
        detractors.removeIf(a -> a.responseId().equals(answer.responseId()));
        NpsAnswer current = answer.asAnswer();
        if (current.detractor()) {
            detractors.add(current);
        }
        detractors.stream().map(NpsAnswer::answeredAt).max(Comparator.naturalOrder()).ifPresent(newest ->
                detractors.removeIf(a -> a.answeredAt().isBefore(newest.minus(CHURN_WINDOW))));
        detractors.sort(Comparator.comparing(NpsAnswer::answeredAt));

        AccountSignals nextAccount = new AccountSignals(account.accountKey(), detractors, account.churnActive(),
                account.churnContactIds(), account.churnResponseIds(), account.churnDetectedAt());
        if (account.churnActive() && current.promoter()) {
            signals.add(new ChurnRiskCleared(eventId("ChurnRiskCleared", answer), answer.occurredAt(),
                    answer.contactId(), answer.correlationId(), answer.accountId(),
                    "The account's next NPS answer was a promoter's (" + answer.score() + ")",
                    account.churnContactIds(), List.of(answer.responseId())));
            nextAccount = new AccountSignals(account.accountKey(), detractors, false, account.churnContactIds(),
                    account.churnResponseIds(), account.churnDetectedAt());
        } else if (!account.churnActive() && current.detractor()) {
            List<NpsAnswer> evidence = churnEvidence(answer, current, previous, detractors);
            if (!evidence.isEmpty()) {
                List<String> contacts = new ArrayList<>(new LinkedHashSet<>(evidence.stream()
                        .map(NpsAnswer::contactId).toList()));
                List<String> responses = evidence.stream().map(NpsAnswer::responseId).toList();
                signals.add(new ChurnRiskDetected(eventId("ChurnRiskDetected", answer), answer.occurredAt(),
                        answer.contactId(), answer.correlationId(), answer.accountId(), answer.ownerId(), Metric.NPS,
                        previous.map(NpsAnswer::score).orElse(null), answer.score(),
                        explanation(answer, previous, evidence), contacts, responses));
                nextAccount = new AccountSignals(account.accountKey(), detractors, true, contacts, responses,
                        answer.answeredAt());
            }
        }

        boolean upsell = contact.upsellActive();
        if (current.promoter() && !upsell) {
            Set<String> missing = new TreeSet<>(productsSeen);
            missing.removeAll(accountProducts);
            if (!missing.isEmpty()) {
                signals.add(new UpsellOpportunityDetected(eventId("UpsellOpportunityDetected", answer),
                        answer.occurredAt(), answer.contactId(), answer.correlationId(), answer.accountId(),
                        answer.ownerId(), answer.score(), List.copyOf(new TreeSet<>(accountProducts)),
                        "A promoter (" + answer.score() + ") whose account has not bought " + String.join(", ", missing),
                        List.copyOf(missing), List.of(answer.responseId()), accountDealIds));
                upsell = true;
            }
        } else if (!current.promoter() && upsell) {
            signals.add(new UpsellOpportunityWithdrawn(eventId("UpsellOpportunityWithdrawn", answer),
                    answer.occurredAt(), answer.contactId(), answer.correlationId(), answer.accountId(),
                    "A later " + (current.detractor() ? "detractor" : "passive") + " answer (" + answer.score() + ")",
                    List.of(answer.responseId())));
            upsell = false;
        }

        Map<String, Integer> revisions = new HashMap<>(contact.revisions());
        revisions.put(answer.responseId(), answer.revision());
        Set<String> kept = new LinkedHashSet<>(answers.stream().map(NpsAnswer::responseId).toList());
        revisions.keySet().retainAll(kept);
        return Optional.of(new Evaluation(new ContactSignals(answer.contactId(), answers, revisions, upsell),
                nextAccount, signals));
    }

    private static List<NpsAnswer> churnEvidence(ScoredAnswer answer, NpsAnswer current, Optional<NpsAnswer> previous,
            List<NpsAnswer> detractors) {
        if (answer.keyAccount()) {
            List<NpsAnswer> window = detractors.stream()
                    .filter(a -> !a.answeredAt().isBefore(current.answeredAt().minus(CHURN_WINDOW))
                            && !a.answeredAt().isAfter(current.answeredAt().plus(CHURN_WINDOW)))
                    .toList();
            if (window.size() >= 2) {
                return window;
            }
        }
        if (previous.isPresent() && previous.get().promoter()) {
            return List.of(previous.get(), current);
        }
        return List.of();
    }

    private static String explanation(ScoredAnswer answer, Optional<NpsAnswer> previous, List<NpsAnswer> evidence) {
        if (evidence.size() == 2 && previous.isPresent() && evidence.get(0).equals(previous.get())
                && previous.get().promoter()) {
            return "NPS fell from " + previous.get().score() + " (promoter) to " + answer.score() + " (detractor)";
        }
        return evidence.size() + " detractor answers from contacts of key account " + answer.accountId()
                + " within " + CHURN_WINDOW.toDays() + " days";
    }

    private static String eventId(String type, ScoredAnswer answer) {
        String name = type + "|" + answer.accountKey() + "|" + answer.contactId() + "|" + answer.responseId() + "|"
                + answer.revision();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
