package io.pulseloop.survey.invitations;

import java.time.Instant;

/** Test access to {@link DueSignal#scheduled}, which only the invitation store calls in production. */
public final class DueSignals {

    private DueSignals() {
    }

    public static void scheduled(DueSignal signal, Instant at) {
        signal.scheduled(at);
    }
}
