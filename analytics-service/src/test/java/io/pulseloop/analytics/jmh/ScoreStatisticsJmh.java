package io.pulseloop.analytics.jmh;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.pulseloop.analytics.statistics.ScoreTally;
import io.pulseloop.events.survey.Metric;

/**
 * One group of a score query ({@code ScoreQueries}): n answers of this period and n of the previous one tallied, then
 * the group's score, margin of error, interval and comparison with the previous period (NPS: adjusted-Wald interval
 * and z-test; CSAT: Wilson interval and pooled z-test; CES: Student's t interval and Welch's t-test, Apache Commons
 * Statistics). {@code tallyAndSummarise} is the whole group; {@code summarise} only the formulas, on tallies already
 * made, so the difference is the tallying. Scores are drawn once, with a fixed seed, from a realistic spread (NPS
 * about 45 % promoters and 20 % detractors). Run with {@code -Pjmh} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoreStatisticsJmh {

    private static final int MIN_SAMPLE = 30;

    @Param({"NPS", "CSAT", "CES"})
    public Metric metric;

    @Param({"100", "10000"})
    public int responses;

    private int[] current;
    private int[] previous;
    private ScoreTally currentTally;
    private ScoreTally previousTally;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(15);
        current = scores(random, 0);
        previous = scores(random, 1);
        currentTally = tally(current);
        previousTally = tally(previous);
        Map<String, Object> group = summarise();
        if (group.get("interval") == null || group.get("pValue") == null) {
            throw new IllegalStateException("the sample group has no interval or comparison: " + group);
        }
    }

    /** The whole group: 2 × n answers tallied, then its statistics. */
    @Benchmark
    public Map<String, Object> tallyAndSummarise() {
        ScoreTally now = tally(current);
        Map<String, Object> group = now.toGroup("overall", MIN_SAMPLE);
        now.addComparison(group, tally(previous));
        return group;
    }

    /** The statistics alone, on tallies already made. */
    @Benchmark
    public Map<String, Object> summarise() {
        Map<String, Object> group = currentTally.toGroup("overall", MIN_SAMPLE);
        currentTally.addComparison(group, previousTally);
        return group;
    }

    private ScoreTally tally(int[] scores) {
        ScoreTally tally = new ScoreTally(metric);
        for (int score : scores) {
            tally.add(score);
        }
        return tally;
    }

    /** {@code shift} moves one answer in twenty one step down, so the two periods differ a little. */
    private int[] scores(SplittableRandom random, int shift) {
        int[] scores = new int[responses];
        for (int i = 0; i < responses; i++) {
            double u = random.nextDouble();
            int score = switch (metric) {
                case NPS -> u < 0.45 ? 9 + random.nextInt(2) : u < 0.80 ? 7 + random.nextInt(2) : random.nextInt(7);
                case CSAT -> u < 0.70 ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
                case CES -> 1 + Math.min(6, (int) (random.nextDouble() * random.nextDouble() * 9));
            };
            scores[i] = Math.max(metric.min(), score - (shift > 0 && random.nextInt(20) == 0 ? 1 : 0));
        }
        return scores;
    }
}
