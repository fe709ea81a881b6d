package io.pulseloop.analytics.signals;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.pulseloop.analytics.AnalyticsProperties;
import io.pulseloop.analytics.signals.rules.Evaluation;
import io.pulseloop.analytics.signals.rules.ScoredAnswer;
import io.pulseloop.analytics.signals.rules.SignalRules;

/**
 * Runs the signal rules for each NPS answer and records won deals.
 *
 * <p><b>Each signal once.</b> The order is: evaluate, publish (and wait for Kafka), save the account, save the
 * contact. The contact's saved revisions are the guard: an answer whose revision was evaluated is skipped. A crash
 * after publishing and before saving evaluates the answer again on redelivery and publishes the same signals with
 * the same name-based event ids, which consumers deduplicate. The consumer handles one record at a time, so two
 * answers of one account are never evaluated at once.
 */
@Component
public class Signals {

    private final SignalStore store;
    private final SignalPublisher publisher;
    private final AnalyticsProperties properties;

    Signals(SignalStore store, SignalPublisher publisher, AnalyticsProperties properties) {
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
    }

    /**
     * @param contextProduct the product of the deal that triggered the survey, if any: the account bought it
     */
    public void onNpsAnswer(ScoredAnswer answer, String contextDealId, String contextProduct) {
        String accountKey = ScoredAnswer.accountKey(answer.accountId(), answer.contactId());
        if (contextProduct != null || contextDealId != null) {
            store.recordPurchase(accountKey, contextDealId, contextProduct);
        }
        SignalStore.AccountState account = store.account(accountKey);
        Set<String> seen = new HashSet<>(store.productsSeen());
        Optional<Evaluation> evaluation = SignalRules.evaluate(answer, store.contact(answer.contactId()),
                account.signals(), seen, account.products(), account.dealIds());
        if (evaluation.isEmpty()) {
            return;
        }
        if (properties.publishSignals()) {
            publisher.publish(evaluation.get().signals());
        }
        store.saveAccount(evaluation.get().account());
        store.saveContact(evaluation.get().contact());
    }

    /** A won deal of the account (or of the contact, without one). */
    public void onDealWon(String accountId, String contactId, String dealId, String product) {
        store.recordPurchase(ScoredAnswer.accountKey(accountId, contactId), dealId, product);
    }
}
