package io.pulseloop.analytics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.survey.Metric;

/** The oracles of issue 13, each computed by hand in the issue and reproduced here to the shown precision. */
class StatisticsTests {

    @Test
    void npsOfHundredPromotersAndFortyDetractorsAmongTwoHundredIsThirtyPlusMinusTenPointEightTwo() {
        assertThat(Statistics.npsScore(100, 40, 200)).isCloseTo(30.00, within(0.005));
        assertThat(Statistics.npsMargin(100, 40, 200)).isCloseTo(10.82, within(0.005));
    }

    @Test
    void npsThirtyAgainstTenAtTwoHundredEachIsASignificantChange() {
        Comparison comparison = Statistics.compareNps(100, 40, 200, 80, 60, 200);

        assertThat(comparison.change()).isCloseTo(20.0, within(1e-9));
        assertThat(comparison.statistic()).isCloseTo(2.481, within(0.0005));
        assertThat(comparison.pValue()).isCloseTo(0.0131, within(0.00005));
        assertThat(comparison.significant()).isTrue();
    }

    @Test
    void npsThirtyAgainstTwentyFiveIsNotSignificant() {
        Comparison comparison = Statistics.compareNps(100, 40, 200, 90, 40, 200);

        assertThat(comparison.statistic()).isCloseTo(0.646, within(0.0005));
        assertThat(comparison.significant()).isFalse();
    }

    @Test
    void wilsonIntervalOfOneHundredSixtyOutOfTwoHundred() {
        Interval interval = Statistics.wilson(160, 200);

        assertThat(interval.low()).isCloseTo(0.7391, within(0.00005));
        assertThat(interval.high()).isCloseTo(0.8495, within(0.00005));
    }

    @Test
    void cesMeanAndTIntervalOfTenAnswers() {
        ScoreTally tally = new ScoreTally(Metric.CES);
        for (int score : new int[] {7, 6, 5, 7, 4, 6, 7, 3, 5, 6}) {
            tally.add(score);
        }

        assertThat(tally.score()).isCloseTo(5.6, within(1e-9));
        assertThat(tally.interval().low()).isCloseTo(4.63, within(0.005));
        assertThat(tally.interval().high()).isCloseTo(6.57, within(0.005));
        assertThat(tally.marginOfError()).isCloseTo(1.96 * Math.sqrt(16.4 / 9) / Math.sqrt(10), within(1e-9));
    }

    @Test
    void npsAdjustedWaldIntervalAddsThreeQuartersToPromotersAndDetractorsAndThreeToN() {
        Interval interval = Statistics.npsInterval(100, 40, 200);

        double p = 100.75 / 203;
        double d = 40.75 / 203;
        double halfWidth = Statistics.Z_95 * Math.sqrt((p + d - (p - d) * (p - d)) / 203);
        assertThat(interval.low()).isCloseTo(100 * (p - d - halfWidth), within(1e-9));
        assertThat(interval.high()).isCloseTo(100 * (p - d + halfWidth), within(1e-9));
        assertThat(interval.low()).isCloseTo(18.82, within(0.005));
        assertThat(interval.high()).isCloseTo(40.30, within(0.01));
    }

    @Test
    void csatComparisonIsThePooledTwoProportionZTest() {
        Comparison comparison = Statistics.compareShares(160, 200, 140, 200);

        // pooled 0.75: se = 100 √(0.75 · 0.25 · (1/200 + 1/200)) = 4.3301; z = 10 / 4.3301 = 2.3094
        assertThat(comparison.change()).isCloseTo(10.0, within(1e-9));
        assertThat(comparison.statistic()).isCloseTo(2.3094, within(0.0001));
        assertThat(comparison.pValue()).isCloseTo(0.0209, within(0.0001));
        assertThat(comparison.significant()).isTrue();
    }

    @Test
    void cesComparisonIsWelchsTTest() {
        // means 5.6 (s² 1.8222, n 10) against 4.0 (s² 4.0, n 8): t = 1.6 / √(0.18222 + 0.5) = 1.9375, df ≈ 11.9
        Comparison comparison = Statistics.compareMeans(5.6, 16.4 / 9, 10, 4.0, 4.0, 8);

        assertThat(comparison.statistic()).isCloseTo(1.6 / Math.sqrt(16.4 / 90 + 0.5), within(1e-9));
        assertThat(comparison.pValue()).isBetween(0.07, 0.08);
        assertThat(comparison.significant()).isFalse();
    }

    @Test
    void aGroupBelowTheMinimumSampleIsMarkedLowSample() {
        ScoreTally tally = new ScoreTally(Metric.NPS);
        for (int i = 0; i < 29; i++) {
            tally.add(10);
        }

        assertThat(tally.toGroup("x", 30)).containsEntry("lowSample", true).containsEntry("responses", 29L);
        tally.add(0);
        assertThat(tally.toGroup("x", 30)).containsEntry("lowSample", false);
    }

    @Test
    void comparisonWithAnEmptyPreviousPeriodHasNoChangeAndIsNotSignificant() {
        ScoreTally current = new ScoreTally(Metric.NPS);
        current.add(9);
        Map<String, Object> group = current.toGroup("all", 30);

        current.addComparison(group, new ScoreTally(Metric.NPS));

        assertThat(group.get("previous")).isEqualTo(nullScore());
        assertThat(group).containsEntry("change", null).containsEntry("significant", false);
    }

    private static Map<String, Object> nullScore() {
        Map<String, Object> previous = new HashMap<>();
        previous.put("responses", 0L);
        previous.put("score", null);
        return previous;
    }
}
