package io.pulseloop.analytics.statistics;

/**
 * A test of the change between two periods.
 *
 * @param change      current minus previous, in the units of the score
 * @param statistic   the test statistic (z, or Welch's t); {@code NaN} when the test is undefined
 * @param pValue      two-sided; {@code NaN} when the test is undefined (too few answers, no variance)
 * @param significant {@code pValue < 0.05}; false whenever the test is undefined
 */
public record Comparison(double change, double statistic, double pValue, boolean significant) {

    static Comparison undefined(double change) {
        return new Comparison(change, Double.NaN, Double.NaN, false);
    }
}
