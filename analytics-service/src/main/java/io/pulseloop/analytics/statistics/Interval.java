package io.pulseloop.analytics.statistics;

/** A two-sided confidence interval, in the units of the estimate it belongs to. */
public record Interval(double low, double high) {
}
