package io.pulseloop.survey.policy;

import java.time.Instant;

import io.pulseloop.events.survey.SuppressionReason;

/** The policy's answer for one trigger, one due send or one due reminder. */
public sealed interface Verdict {

    /** Go ahead at {@code at}; {@code quietHoursDetail} is set when quiet hours moved it later than asked. */
    record Proceed(Instant at, String quietHoursDetail) implements Verdict {

        public boolean delayedByQuietHours() {
            return quietHoursDetail != null;
        }
    }

    /** Not now: wait until {@code until} (quiet hours at send time). */
    record Wait(Instant until, String detail) implements Verdict {
    }

    /** Never for this trigger (or this reminder). */
    record Suppress(SuppressionReason reason, String detail) implements Verdict {
    }
}
