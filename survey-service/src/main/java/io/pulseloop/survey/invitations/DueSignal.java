package io.pulseloop.survey.invitations;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * The earliest step this replica scheduled since the scheduler last looked: lets an idle scheduler skip its claim
 * (a scan of the invitations on the embedded MongoDB server) until something is due, and still send a new
 * invitation whose step is due at once without waiting for its idle pause to end.
 */
@Component
public class DueSignal {

    private final AtomicReference<Instant> earliest = new AtomicReference<>();

    /** A step due at {@code at} was written by this replica. */
    void scheduled(Instant at) {
        if (at != null) {
            earliest.accumulateAndGet(at, (known, next) -> known == null || next.isBefore(known) ? next : known);
        }
    }

    /**
     * True, and forgotten, when a step scheduled here is due by {@code by}; false when none is (steps due later stay
     * remembered).
     */
    public boolean takeDueBy(Instant by) {
        Instant known = earliest.get();
        return known != null && !known.isAfter(by) && earliest.compareAndSet(known, null);
    }
}
