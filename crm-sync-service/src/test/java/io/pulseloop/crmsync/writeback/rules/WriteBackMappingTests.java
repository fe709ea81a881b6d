package io.pulseloop.crmsync.writeback.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.followup.FollowUpState;
import io.pulseloop.events.followup.FollowUpTaskOpened;
import io.pulseloop.events.followup.FollowUpTaskResolved;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskCleared;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.UpsellOpportunityDetected;
import io.pulseloop.events.signal.UpsellOpportunityWithdrawn;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;

class WriteBackMappingTests {

    private static final Instant AT = Instant.parse("2026-11-22T23:30:00Z");

    @Test
    void npsScoreWritesScoreCategoryAndDate() {
        assertThat(values(WriteBackMapping.of(score(Metric.NPS, 6, ScoreCategory.DETRACTOR, 1)))).isEqualTo(Map.of(
                "pulseloop_nps_score", "6", "pulseloop_nps_category", "detractor", "pulseloop_nps_date", "2026-11-22"));
    }

    @Test
    void npsCategoryFollowsTheScoreWhenTheEventHasNone() {
        assertThat(values(WriteBackMapping.of(score(Metric.NPS, 9, null, 1)))).containsEntry("pulseloop_nps_category",
                "promoter");
        assertThat(WriteBackMapping.npsCategory(7)).isEqualTo("passive");
        assertThat(WriteBackMapping.npsCategory(0)).isEqualTo("detractor");
    }

    @Test
    void csatScoreWritesScoreAndDate() {
        assertThat(values(WriteBackMapping.of(score(Metric.CSAT, 2, ScoreCategory.DISSATISFIED, 1))))
                .isEqualTo(Map.of("pulseloop_csat_score", "2", "pulseloop_csat_date", "2026-11-22"));
    }

    @Test
    void cesScoreWritesNothing() {
        assertThat(WriteBackMapping.of(score(Metric.CES, 5, ScoreCategory.EASY, 1))).isEmpty();
    }

    @Test
    void revisionIsCarriedSoThatItSupersedes() {
        assertThat(WriteBackMapping.of(score(Metric.NPS, 9, null, 3))).allMatch(c -> c.value().revision() == 3);
    }

    @Test
    void followUpStateWritesOpenAndMarketingPaused() {
        FollowUpTaskOpened opened = new FollowUpTaskOpened("e1", AT, "c-1", "corr", "task-1", TaskReason.DETRACTOR,
                "own-1", AT.plusSeconds(3600), "relationship-nps", "r-1", Metric.NPS, 3, new FollowUpState(1, true));
        FollowUpTaskResolved resolved = new FollowUpTaskResolved("e2", AT, "c-1", "corr", "task-1",
                TaskReason.DETRACTOR, "own-1", "price", "called", new FollowUpState(0, false));

        assertThat(values(WriteBackMapping.of(opened))).isEqualTo(Map.of("pulseloop_followup_open", "true",
                "pulseloop_marketing_paused", "true"));
        assertThat(values(WriteBackMapping.of(resolved))).isEqualTo(Map.of("pulseloop_followup_open", "false",
                "pulseloop_marketing_paused", "false"));
    }

    @Test
    void churnSignalsWriteChurnRisk() {
        assertThat(values(WriteBackMapping.of(new ChurnRiskDetected("e1", AT, "c-1", "corr", "acc-1", "own-1",
                Metric.NPS, 9, 4, "NPS fell from 9 to 4")))).isEqualTo(Map.of("pulseloop_churn_risk", "true"));
        assertThat(values(WriteBackMapping.of(new ChurnRiskCleared("e2", AT, "c-1", "corr", "acc-1", "recovered"))))
                .isEqualTo(Map.of("pulseloop_churn_risk", "false"));
    }

    @Test
    void churnRiskIsSetOnEveryContactWhoseAnswersRaisedItAndClearedOnThoseSameContacts() {
        ChurnRiskDetected detected = new ChurnRiskDetected("e1", AT, "c-2", "corr", "acc-1", "own-1", Metric.NPS,
                null, 2, "two detractors of a key account", List.of("c-1", "c-2"), List.of("r-1", "r-2"));
        // the promoter who clears it (c-9) did not raise it: only the contacts that did are set back
        ChurnRiskCleared cleared = new ChurnRiskCleared("e2", AT, "c-9", "corr", "acc-1", "a promoter answered",
                List.of("c-1", "c-2"), List.of("r-9"));

        assertThat(WriteBackMapping.byContact(detected)).containsOnlyKeys("c-2", "c-1")
                .allSatisfy((contact, changes) -> assertThat(values(changes))
                        .isEqualTo(Map.of("pulseloop_churn_risk", "true")));
        assertThat(WriteBackMapping.byContact(cleared)).containsOnlyKeys("c-1", "c-2")
                .allSatisfy((contact, changes) -> assertThat(values(changes))
                        .isEqualTo(Map.of("pulseloop_churn_risk", "false")));
    }

    @Test
    void upsellSignalsWriteUpsellCandidate() {
        assertThat(WriteBackMapping.byContact(new UpsellOpportunityDetected("e3", AT, "c-1", "corr", "acc-1",
                "own-1", 10, List.of("fiber"), "promoter", List.of("tv"), List.of("r-1"), List.of("d-1"))))
                .containsOnlyKeys("c-1").extractingByKey("c-1").extracting(WriteBackMappingTests::values)
                .isEqualTo(Map.of("pulseloop_upsell_candidate", "true"));
        assertThat(values(WriteBackMapping.of(new UpsellOpportunityWithdrawn("e4", AT.plusSeconds(60), "c-1", "corr",
                "acc-1", "a detractor answer")))).isEqualTo(Map.of("pulseloop_upsell_candidate", "false"));
    }

    private static ScoreRecorded score(Metric metric, int score, ScoreCategory category, int revision) {
        return new ScoreRecorded("e-" + revision, AT, "c-1", "corr", "r-1", "inv-1", revision, "survey", 1, metric,
                score, category, null, Map.of(), "cs", null, AT.minusSeconds(86_400), null);
    }

    private static Map<String, String> values(List<PropertyChange> changes) {
        return changes.stream().collect(Collectors.toMap(PropertyChange::property, c -> c.value().value()));
    }
}
