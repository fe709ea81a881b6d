package io.pulseloop.analytics.statistics;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pulseloop.events.survey.Metric;

/**
 * The counts of one group of answers to one metric, enough for its score, margin, interval and comparison:
 * bands (NPS promoters 9–10 / passives 7–8 / detractors 0–6; CSAT satisfied 4–5), n, sum and sum of squares.
 * Not thread-safe: one tally per group per query.
 */
public final class ScoreTally {

    private final Metric metric;
    private long n;
    private long promoters;
    private long passives;
    private long detractors;
    private long satisfied;
    private double sum;
    private double sumOfSquares;

    public ScoreTally(Metric metric) {
        this.metric = metric;
    }

    public void add(int score) {
        n++;
        sum += score;
        sumOfSquares += (double) score * score;
        if (metric == Metric.NPS) {
            if (score >= 9) {
                promoters++;
            } else if (score >= 7) {
                passives++;
            } else {
                detractors++;
            }
        } else if (metric == Metric.CSAT && score >= 4) {
            satisfied++;
        }
    }

    public long responses() {
        return n;
    }

    /** The score of contract §6.2, or {@code null} without answers. */
    public Double score() {
        if (n == 0) {
            return null;
        }
        return switch (metric) {
            case NPS -> Statistics.npsScore(promoters, detractors, n);
            case CSAT -> Statistics.shareScore(satisfied, n);
            case CES -> mean();
        };
    }

    public double mean() {
        return sum / n;
    }

    /** The sample variance (n − 1 in the denominator); 0 below two answers. */
    public double variance() {
        if (n < 2) {
            return 0;
        }
        return Math.max(0, (sumOfSquares - sum * sum / n) / (n - 1));
    }

    public Double marginOfError() {
        if (n == 0) {
            return null;
        }
        return switch (metric) {
            case NPS -> Statistics.npsMargin(promoters, detractors, n);
            case CSAT -> Statistics.shareMargin(satisfied, n);
            case CES -> Statistics.meanMargin(Math.sqrt(variance()), n);
        };
    }

    public Interval interval() {
        if (n == 0) {
            return null;
        }
        return switch (metric) {
            case NPS -> Statistics.npsInterval(promoters, detractors, n);
            case CSAT -> {
                Interval share = Statistics.wilson(satisfied, n);
                yield new Interval(100 * share.low(), 100 * share.high());
            }
            case CES -> Statistics.tInterval(mean(), Math.sqrt(variance()), n);
        };
    }

    /** This period against {@code previous}, by the metric's test. */
    public Comparison compareWith(ScoreTally previous) {
        return switch (metric) {
            case NPS -> Statistics.compareNps(promoters, detractors, n, previous.promoters, previous.detractors,
                    previous.n);
            case CSAT -> Statistics.compareShares(satisfied, n, previous.satisfied, previous.n);
            case CES -> Statistics.compareMeans(mean(), variance(), n, previous.mean(), previous.variance(),
                    previous.n);
        };
    }

    /**
     * The group {@code G} of contract §6.2 in field order: key, responses, score, marginOfError, lowSample, then the
     * metric's counts and the interval {@code [low, high]}. Numbers are not rounded.
     */
    public Map<String, Object> toGroup(String key, int minSample) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("key", key);
        group.put("responses", n);
        group.put("score", score());
        group.put("marginOfError", marginOfError());
        group.put("lowSample", n < minSample);
        switch (metric) {
            case NPS -> {
                group.put("promoters", promoters);
                group.put("passives", passives);
                group.put("detractors", detractors);
            }
            case CSAT -> {
                group.put("satisfied", satisfied);
                group.put("mean", n == 0 ? null : mean());
            }
            case CES -> group.put("mean", n == 0 ? null : mean());
        }
        Interval interval = interval();
        group.put("interval", interval == null || Double.isNaN(interval.low()) ? null
                : new double[] {interval.low(), interval.high()});
        return group;
    }

    /** Adds {@code previous}, {@code change} and {@code significant} (and the test's {@code pValue}) to a group. */
    public void addComparison(Map<String, Object> group, ScoreTally previous) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("responses", previous.n);
        before.put("score", previous.score());
        group.put("previous", before);
        if (n == 0 || previous.n == 0) {
            group.put("change", null);
            group.put("significant", false);
            group.put("pValue", null);
            return;
        }
        Comparison comparison = compareWith(previous);
        group.put("change", comparison.change());
        group.put("significant", comparison.significant());
        group.put("pValue", Double.isNaN(comparison.pValue()) ? null : comparison.pValue());
    }
}
