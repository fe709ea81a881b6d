package io.pulseloop.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Order statistics of measured values; nearest-rank percentiles, no interpolation. */
final class Stats {

    private Stats() {
    }

    static double percentile(long[] sortedValues, double percent) {
        if (sortedValues.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedValues.length);
        return sortedValues[Math.max(0, Math.min(sortedValues.length - 1, rank - 1))];
    }

    /** {@code min / median / max} of repeated runs, e.g. {@code 10,200 / 11,400 / 11,900}. */
    static String minMedianMax(List<Double> runs, String format) {
        if (runs.isEmpty()) {
            return "–";
        }
        double[] values = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        if (values.length == 1) {
            return String.format(Locale.ROOT, format, values[0]);
        }
        return String.format(Locale.ROOT, format + " / " + format + " / " + format,
                values[0], median, values[values.length - 1]);
    }

    static double median(List<Double> runs) {
        double[] values = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
