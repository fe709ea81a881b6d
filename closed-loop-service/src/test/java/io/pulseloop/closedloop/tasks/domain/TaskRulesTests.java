package io.pulseloop.closedloop.tasks.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.survey.Metric;

class TaskRulesTests {

    private final TaskRules rules = TaskRules.defaults();

    @Test
    void opensDetractorTasksForNpsZeroToSix() {
        assertThat(rules.reasonFor(Metric.NPS, 0, false)).contains(TaskReason.DETRACTOR);
        assertThat(rules.reasonFor(Metric.NPS, 6, false)).contains(TaskReason.DETRACTOR);
        assertThat(rules.reasonFor(Metric.NPS, 7, true)).isEmpty();
        assertThat(rules.reasonFor(Metric.NPS, 8, true)).isEmpty();
    }

    @Test
    void asksPromotersForReferralsOnlyWithMarketingConsent() {
        assertThat(rules.reasonFor(Metric.NPS, 9, true)).contains(TaskReason.PROMOTER_REFERRAL);
        assertThat(rules.reasonFor(Metric.NPS, 10, true)).contains(TaskReason.PROMOTER_REFERRAL);
        assertThat(rules.reasonFor(Metric.NPS, 10, false)).isEmpty();
    }

    @Test
    void opensLowCsatTasksForOneAndTwo() {
        assertThat(rules.reasonFor(Metric.CSAT, 1, false)).contains(TaskReason.LOW_CSAT);
        assertThat(rules.reasonFor(Metric.CSAT, 2, false)).contains(TaskReason.LOW_CSAT);
        assertThat(rules.reasonFor(Metric.CSAT, 3, false)).isEmpty();
    }

    @Test
    void opensHighEffortTasksForCesOneToThree() {
        assertThat(rules.reasonFor(Metric.CES, 1, false)).contains(TaskReason.HIGH_EFFORT);
        assertThat(rules.reasonFor(Metric.CES, 3, false)).contains(TaskReason.HIGH_EFFORT);
        assertThat(rules.reasonFor(Metric.CES, 4, false)).isEmpty();
    }

    @Test
    void makesAKeyAccountsDetractorUrgent() {
        assertThat(rules.priorityOf(TaskReason.DETRACTOR, AccountTier.KEY, 6)).isEqualTo(Priority.URGENT);
        assertThat(rules.priorityOf(TaskReason.DETRACTOR, AccountTier.STANDARD, 2)).isEqualTo(Priority.HIGH);
        assertThat(rules.priorityOf(TaskReason.DETRACTOR, null, 5)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void makesChurnRiskHighAndReferralsLow() {
        assertThat(rules.priorityOf(TaskReason.CHURN_RISK, AccountTier.STANDARD, null)).isEqualTo(Priority.HIGH);
        assertThat(rules.priorityOf(TaskReason.PROMOTER_REFERRAL, AccountTier.KEY, 10)).isEqualTo(Priority.LOW);
    }
}
