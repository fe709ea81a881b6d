package io.pulseloop.analytics.signals.rules;

import java.time.Instant;

/**
 * An NPS answer (or a revision of one) to evaluate.
 *
 * @param accountId  the contact's account, {@code null} when the CRM did not say (the contact is then its own
 *                   account for the promoter-to-detractor rule)
 * @param keyAccount whether the account's tier is {@code key}
 * @param answeredAt the time of the response's first answer
 * @param occurredAt the time of this answer or revision
 */
public record ScoredAnswer(String responseId, int revision, String contactId, String accountId, boolean keyAccount,
        String ownerId, int score, Instant answeredAt, Instant occurredAt, String correlationId) {

    String accountKey() {
        return accountKey(accountId, contactId);
    }

    /** The account a contact's signals are kept under: the CRM account, or the contact alone without one. */
    public static String accountKey(String accountId, String contactId) {
        return accountId != null ? accountId : "contact:" + contactId;
    }

    NpsAnswer asAnswer() {
        return new NpsAnswer(responseId, contactId, score, answeredAt);
    }
}
