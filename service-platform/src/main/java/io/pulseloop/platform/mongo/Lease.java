package io.pulseloop.platform.mongo;

import java.time.Instant;

/**
 * A lease held: on the document {@code id} of {@code collection}, in the fields under {@code field} (or at the top of
 * a lease document when {@code field} is {@code null}).
 *
 * @param owner the holder, e.g. the replica's instance id
 * @param until when it expires unless renewed
 * @param token the fencing token: grows with every acquisition, so work stamped with an older token can be refused
 *              by whoever checks it (a replica that paused past its lease and then woke up)
 */
public record Lease(String collection, Object id, String field, String owner, Instant until, long token) {

    /** True when the lease has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !until.isAfter(now);
    }
}
