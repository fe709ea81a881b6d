package io.pulseloop.analytics.signals.rules;

import java.time.Instant;
import java.util.List;

/**
 * What the rules remember of one account (or of a contact without one).
 *
 * @param recentDetractors detractor responses of the account's contacts within the churn window of the newest
 * @param churnActive      a churn risk was detected and not yet cleared
 * @param churnContactIds  the contacts whose answers raised it
 * @param churnResponseIds the answers that raised it
 */
public record AccountSignals(String accountKey, List<NpsAnswer> recentDetractors, boolean churnActive,
        List<String> churnContactIds, List<String> churnResponseIds, Instant churnDetectedAt) {

    public AccountSignals {
        recentDetractors = recentDetractors == null ? List.of() : List.copyOf(recentDetractors);
        churnContactIds = churnContactIds == null ? List.of() : List.copyOf(churnContactIds);
        churnResponseIds = churnResponseIds == null ? List.of() : List.copyOf(churnResponseIds);
    }

    public static AccountSignals empty(String accountKey) {
        return new AccountSignals(accountKey, List.of(), false, List.of(), List.of(), null);
    }
}
