package io.pulseloop.analytics.signals.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.signal.ChurnRiskCleared;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.signal.UpsellOpportunityDetected;
import io.pulseloop.events.signal.UpsellOpportunityWithdrawn;

class SignalRulesTests {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final State state = new State();

    @Test
    void twoDetractorAnswersFromAKeyAccountWithinThirtyDaysRaiseChurnRiskNamingBothContacts() {
        assertThat(state.answer("r1", 1, "anna", "acme", true, 3, T0)).isEmpty();

        List<SignalEvent> signals = state.answer("r2", 1, "boris", "acme", true, 5, T0.plus(Duration.ofDays(29)));

        assertThat(signals).singleElement().isInstanceOfSatisfying(ChurnRiskDetected.class, churn -> {
            assertThat(churn.contactId()).isEqualTo("boris");
            assertThat(churn.accountId()).isEqualTo("acme");
            assertThat(churn.evidenceContactIds()).containsExactly("anna", "boris");
            assertThat(churn.evidenceResponseIds()).containsExactly("r1", "r2");
        });
    }

    @Test
    void detractorsOfAKeyAccountMoreThanThirtyDaysApartRaiseNothing() {
        state.answer("r1", 1, "anna", "acme", true, 3, T0);

        assertThat(state.answer("r2", 1, "boris", "acme", true, 5, T0.plus(Duration.ofDays(31)))).isEmpty();
    }

    @Test
    void detractorsOfAStandardAccountRaiseNothing() {
        state.answer("r1", 1, "anna", "acme", false, 3, T0);

        assertThat(state.answer("r2", 1, "boris", "acme", false, 5, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void aContactFallingFromPromoterToDetractorRaisesChurnRiskInAnyAccount() {
        state.answer("r1", 1, "anna", "small", false, 9, T0);

        List<SignalEvent> signals = state.answer("r2", 1, "anna", "small", false, 4, T0.plus(Duration.ofDays(90)));

        assertThat(signals).singleElement().isInstanceOfSatisfying(ChurnRiskDetected.class, churn -> {
            assertThat(churn.previousScore()).isEqualTo(9);
            assertThat(churn.latestScore()).isEqualTo(4);
            assertThat(churn.evidenceContactIds()).containsExactly("anna");
            assertThat(churn.explanation()).contains("from 9").contains("to 4");
        });
    }

    @Test
    void aRevisionOfTheSameAnswerIsNotAFallBetweenTwoAnswers() {
        state.answer("r1", 1, "anna", "small", false, 10, T0);

        assertThat(state.answer("r1", 2, "anna", "small", false, 2, T0)).isEmpty();
    }

    @Test
    void theSameRevisionAgainChangesNothingAndAReplayedSignalHasTheSameEventId() {
        state.answer("r1", 1, "anna", "small", false, 9, T0);
        State replay = state.copy();
        List<SignalEvent> first = state.answer("r2", 1, "anna", "small", false, 4, T0.plusSeconds(60));

        assertThat(state.answer("r2", 1, "anna", "small", false, 4, T0.plusSeconds(60))).isEmpty();
        assertThat(replay.answer("r2", 1, "anna", "small", false, 4, T0.plusSeconds(60)))
                .extracting(SignalEvent::eventId).isEqualTo(first.stream().map(SignalEvent::eventId).toList());
    }

    @Test
    void theAccountsNextPromoterAnswerClearsTheRiskNamingTheContactsThatRaisedIt() {
        state.answer("r1", 1, "anna", "acme", true, 3, T0);
        state.answer("r2", 1, "boris", "acme", true, 5, T0.plusSeconds(60));
        assertThat(state.answer("r3", 1, "cyril", "acme", true, 8, T0.plusSeconds(120))).isEmpty();

        List<SignalEvent> signals = state.answer("r4", 1, "dana", "acme", true, 10, T0.plusSeconds(180));

        assertThat(signals).singleElement().isInstanceOfSatisfying(ChurnRiskCleared.class, cleared -> {
            assertThat(cleared.contactId()).isEqualTo("dana");
            assertThat(cleared.evidenceContactIds()).containsExactly("anna", "boris");
            assertThat(cleared.evidenceResponseIds()).containsExactly("r4");
        });
        assertThat(state.account.churnActive()).isFalse();
    }

    @Test
    void aPromoterWhoseAccountLacksAProductIsAnUpsellCandidateUntilALaterPassiveAnswer() {
        state.productsSeen = Set.of("crm", "billing");
        state.accountProducts = Set.of("crm");

        List<SignalEvent> raised = state.answer("r1", 1, "anna", "acme", false, 9, T0);
        assertThat(raised).singleElement().isInstanceOfSatisfying(UpsellOpportunityDetected.class, upsell -> {
            assertThat(upsell.productsOwned()).containsExactly("crm");
            assertThat(upsell.productsMissing()).containsExactly("billing");
            assertThat(upsell.evidenceResponseIds()).containsExactly("r1");
            assertThat(upsell.evidenceDealIds()).containsExactly("d1");
        });
        assertThat(state.answer("r2", 1, "anna", "acme", false, 10, T0.plusSeconds(60))).isEmpty();

        assertThat(state.answer("r3", 1, "anna", "acme", false, 7, T0.plusSeconds(120))).singleElement()
                .isInstanceOf(UpsellOpportunityWithdrawn.class);
    }

    @Test
    void aPromoterWhoseAccountBoughtEverythingIsNoUpsellCandidate() {
        state.productsSeen = Set.of("crm");
        state.accountProducts = Set.of("crm");

        assertThat(state.answer("r1", 1, "anna", "acme", false, 10, T0)).isEmpty();
    }

    /** The remembered state of one contact and one account, as the store would keep it. */
    private static final class State {
        private ContactSignals contact;
        private AccountSignals account = AccountSignals.empty("acme");
        private Set<String> productsSeen = Set.of();
        private Set<String> accountProducts = Set.of();
        private final Map<String, ContactSignals> contacts = new HashMap<>();

        List<SignalEvent> answer(String responseId, int revision, String contactId, String accountId, boolean key,
                int score, Instant answeredAt) {
            contact = contacts.getOrDefault(contactId, ContactSignals.empty(contactId));
            if (!account.accountKey().equals(accountId)) {
                account = AccountSignals.empty(accountId);
            }
            ScoredAnswer answer = new ScoredAnswer(responseId, revision, contactId, accountId, key, "owner-1", score,
                    answeredAt, answeredAt.plusSeconds(revision), "corr");
            return SignalRules.evaluate(answer, contact, account, productsSeen, accountProducts, List.of("d1"))
                    .map(evaluation -> {
                        contacts.put(contactId, evaluation.contact());
                        account = evaluation.account();
                        return evaluation.signals();
                    }).orElse(List.of());
        }

        State copy() {
            State copy = new State();
            copy.account = account;
            copy.productsSeen = productsSeen;
            copy.accountProducts = accountProducts;
            copy.contacts.putAll(contacts);
            return copy;
        }
    }
}
