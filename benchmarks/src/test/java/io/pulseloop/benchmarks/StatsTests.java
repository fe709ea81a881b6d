package io.pulseloop.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTests {

    @Test
    void nearestRankPercentilesOfSortedLatencies() {
        long[] sorted = Stats.sorted(new long[] {9, 1, 8, 2, 7, 3, 6, 4, 5, 10});

        assertThat(Stats.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(10);
        assertThat(Stats.percentile(sorted, 10)).isEqualTo(1);
        assertThat(Stats.percentile(new long[0], 50)).isNaN();
    }

    @Test
    void minMedianMaxOfRepeatedRuns() {
        assertThat(Stats.minMedianMax(List.of(300.0, 100.0, 200.0), "%,.0f")).isEqualTo("100 / 200 / 300");
        assertThat(Stats.minMedianMax(List.of(42.0), "%,.0f")).isEqualTo("42");
        assertThat(Stats.minMedianMax(List.of(), "%,.0f")).isEqualTo("–");
        assertThat(Stats.median(List.of(1.0, 2.0, 3.0, 10.0))).isEqualTo(2.5);
    }
}
