package io.pulseloop.closedloop.tasks.domain;

import java.util.Optional;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.survey.Metric;

/**
 * Which score opens which task, and how urgent it is (contract §6.1). The bands are inclusive and configurable.
 *
 * @param detractorMax      NPS at or below this is a detractor (default 6)
 * @param lowCsatMax        CSAT at or below this is low (default 2)
 * @param highEffortMax     CES at or below this means high effort, 1 = very difficult (default 3)
 * @param promoterMin       NPS at or above this is a promoter to ask for a referral (default 9)
 * @param referralsEnabled  whether promoters with marketing consent get a {@code PROMOTER_REFERRAL} task
 */
public record TaskRules(int detractorMax, int lowCsatMax, int highEffortMax, int promoterMin,
        boolean referralsEnabled) {

    public static TaskRules defaults() {
        return new TaskRules(6, 2, 3, 9, true);
    }

    /**
     * The reason a score opens a task, if any.
     *
     * @param marketingConsent whether the contact explicitly agreed to marketing (unknown counts as no)
     */
    public Optional<TaskReason> reasonFor(Metric metric, int score, boolean marketingConsent) {
        return Optional.ofNullable(switch (metric) {
            case NPS -> score <= detractorMax ? TaskReason.DETRACTOR
                    : score >= promoterMin && marketingConsent && referralsEnabled ? TaskReason.PROMOTER_REFERRAL
                    : null;
            case CSAT -> score <= lowCsatMax ? TaskReason.LOW_CSAT : null;
            case CES -> score <= highEffortMax ? TaskReason.HIGH_EFFORT : null;
        });
    }

    /**
     * The priority: a key account's detractor is {@code URGENT}; churn risk {@code HIGH}; a referral {@code LOW};
     * otherwise a key account or the worst scores (NPS 0–3, CSAT 1, CES 1) are {@code HIGH}, the rest {@code NORMAL}.
     */
    public Priority priorityOf(TaskReason reason, AccountTier tier, Integer score) {
        boolean key = tier == AccountTier.KEY;
        return switch (reason) {
            case DETRACTOR -> key ? Priority.URGENT : score != null && score <= 3 ? Priority.HIGH : Priority.NORMAL;
            case LOW_CSAT, HIGH_EFFORT -> key || score != null && score <= 1 ? Priority.HIGH : Priority.NORMAL;
            case CHURN_RISK -> Priority.HIGH;
            case PROMOTER_REFERRAL -> Priority.LOW;
        };
    }
}
