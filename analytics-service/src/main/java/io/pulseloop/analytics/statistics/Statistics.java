package io.pulseloop.analytics.statistics;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The formulas behind every number analytics shows, at 95 % confidence. The margins of error are those of contract
 * §6.2, with its literal 1.96; intervals and p-values come from Apache Commons Statistics distributions (no
 * hand-written tables).
 *
 * <ul>
 *   <li>NPS: score 100 (P − D) / n; margin 100 · 1.96 · √((p + d − (p − d)²) / n) with p, d the shares;
 *       interval adjusted-Wald (B. Rocks, "Interval estimation for the Net Promoter Score", The American
 *       Statistician 70(4), 2016: add ¾ to promoters and to detractors and 3 to n); comparison
 *       z = Δ / √(Var₁ + Var₂), Var = 100² (p + d − (p − d)²) / n.</li>
 *   <li>CSAT: score 100 q with q the satisfied share (answers 4–5); margin 100 · 1.96 · √(q (1 − q) / n); interval
 *       Wilson score (Wilson 1927); comparison the pooled two-proportion z-test.</li>
 *   <li>CES: score the mean; margin 1.96 · s / √n; interval Student's t; comparison Welch's t-test with the
 *       Welch–Satterthwaite degrees of freedom.</li>
 * </ul>
 */
public final class Statistics {

    /** The contract's z for the margins of error (§6.2 writes 1.96). */
    public static final double Z_MARGIN = 1.96;

    /** The 97.5 % quantile of the standard normal distribution (1.95996...), for intervals. */
    public static final double Z_95 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);

    private static final double ALPHA = 0.05;
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Statistics() {
    }

    /** 100 × (promoters − detractors) / n. */
    public static double npsScore(long promoters, long detractors, long n) {
        return 100.0 * (promoters - detractors) / n;
    }

    /** Var = 100² (p + d − (p − d)²) / n, the variance of the NPS estimate. */
    public static double npsVariance(long promoters, long detractors, long n) {
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        return 10_000.0 * (p + d - (p - d) * (p - d)) / n;
    }

    /** 100 × 1.96 × √((p + d − (p − d)²) / n). */
    public static double npsMargin(long promoters, long detractors, long n) {
        return Z_MARGIN * Math.sqrt(npsVariance(promoters, detractors, n));
    }

    /** Adjusted-Wald: ¾ added to promoters and detractors, 3 to n; clamped to the scale [−100, 100]. */
    public static Interval npsInterval(long promoters, long detractors, long n) {
        double adjustedN = n + 3.0;
        double p = (promoters + 0.75) / adjustedN;
        double d = (detractors + 0.75) / adjustedN;
        double nps = p - d;
        double halfWidth = Z_95 * Math.sqrt((p + d - nps * nps) / adjustedN);
        return new Interval(100.0 * Math.max(-1, nps - halfWidth), 100.0 * Math.min(1, nps + halfWidth));
    }

    /** Two-sided z-test of contract §6.2: z = (s₁ − s₂) / √(Var₁ + Var₂). */
    public static Comparison compareNps(long p1, long d1, long n1, long p2, long d2, long n2) {
        double change = npsScore(p1, d1, n1) - npsScore(p2, d2, n2);
        return zComparison(change, Math.sqrt(npsVariance(p1, d1, n1) + npsVariance(p2, d2, n2)));
    }

    /** 100 × satisfied / n. */
    public static double shareScore(long satisfied, long n) {
        return 100.0 * satisfied / n;
    }

    /** 1.96 × √(q (1 − q) / n) × 100. */
    public static double shareMargin(long satisfied, long n) {
        double q = (double) satisfied / n;
        return 100.0 * Z_MARGIN * Math.sqrt(q * (1 - q) / n);
    }

    /** The Wilson score interval of a share, as a share (0–1). */
    public static Interval wilson(long successes, long n) {
        double q = (double) successes / n;
        double z2 = Z_95 * Z_95;
        double centre = (q + z2 / (2.0 * n)) / (1 + z2 / n);
        double halfWidth = Z_95 / (1 + z2 / n) * Math.sqrt(q * (1 - q) / n + z2 / (4.0 * n * n));
        return new Interval(centre - halfWidth, centre + halfWidth);
    }

    /** Pooled two-proportion z-test; the change is in percentage points. */
    public static Comparison compareShares(long k1, long n1, long k2, long n2) {
        double change = shareScore(k1, n1) - shareScore(k2, n2);
        double pooled = (double) (k1 + k2) / (n1 + n2);
        double se = 100.0 * Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return zComparison(change, se);
    }

    /** 1.96 × s / √n, with s the sample standard deviation. */
    public static double meanMargin(double standardDeviation, long n) {
        return Z_MARGIN * standardDeviation / Math.sqrt(n);
    }

    /** Student's t interval of a mean; undefined (NaN bounds) below two answers. */
    public static Interval tInterval(double mean, double standardDeviation, long n) {
        if (n < 2) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double t = TDistribution.of(n - 1.0).inverseCumulativeProbability(0.975);
        double halfWidth = t * standardDeviation / Math.sqrt(n);
        return new Interval(mean - halfWidth, mean + halfWidth);
    }

    /** Welch's two-sided t-test of two means from their summaries (variance = s²). */
    public static Comparison compareMeans(double m1, double v1, long n1, double m2, double v2, long n2) {
        double change = m1 - m2;
        if (n1 < 2 || n2 < 2 || v1 + v2 == 0) {
            return Comparison.undefined(change);
        }
        TTest.Result result = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC)
                .with(AlternativeHypothesis.TWO_SIDED).test(m1, v1, n1, m2, v2, n2);
        return new Comparison(change, result.getStatistic(), result.getPValue(), result.getPValue() < ALPHA);
    }

    private static Comparison zComparison(double change, double standardError) {
        if (!(standardError > 0)) {
            return Comparison.undefined(change);
        }
        double z = change / standardError;
        double p = 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
        return new Comparison(change, z, p, p < ALPHA);
    }
}
