package io.pulseloop.survey.policy;

import java.time.Duration;

/**
 * ISO-8601 durations as people write them: whole days from two days on ({@code P30D} rather than {@code PT720H}),
 * hours below ({@code PT24H}, as the contract writes the CSAT delay).
 */
public final class Durations {

    private Durations() {
    }

    public static String iso(Duration duration) {
        if (duration == null) {
            return null;
        }
        long seconds = duration.getSeconds();
        if (!duration.isZero() && duration.getNano() == 0 && seconds % 86_400 == 0 && seconds >= 2 * 86_400) {
            return "P" + (seconds / 86_400) + "D";
        }
        return duration.toString();
    }
}
