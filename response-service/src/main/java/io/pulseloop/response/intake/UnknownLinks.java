package io.pulseloop.response.intake;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.pulseloop.platform.events.KafkaReadiness;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.response.invitations.InvitationProgress;
import io.pulseloop.response.invitations.InvitationProgress.ProgressUnknownException;
import io.pulseloop.response.invitations.UnknownLinkProperties;

/**
 * Decides what a survey link this service does not know is: unknown ({@code 404}, contract §5) or not confirmed yet
 * ({@code 503} + {@code Retry-After}). Invitations reach this service over {@code survey.invitations.v1}, which
 * survey-service publishes (acks=all) before it emails the link, so a link the service does not know may be real:
 *
 * <ul>
 * <li><b>Broker unreachable</b> (the last two readiness checks failed): an invitation emailed just before the
 * outage may not have arrived; {@code 503}, {@code Retry-After: 30} (found by the broker-SIGKILL fault test: 11 of
 * 16 customers were told their link was unknown).</li>
 * <li><b>Consumer behind</b> (read-your-writes for links): the group's committed offsets (raised by what this
 * replica's listener has processed) are below the topic's end offsets, read at most {@code offsets-max-age} before
 * the request. The link then waits, at most {@code max-wait}, until the group has read up to those end offsets
 * (then one more look decides: found, or {@code 404}) or the invitation appears. Still behind after the bound:
 * {@code 503} with {@code retry-after} (5 s). At most {@code max-waiters} links wait at once; beyond, a link while
 * behind is a {@code 503} at once, so made-up tokens cannot hold request threads.</li>
 * <li><b>Caught up</b>: {@code 404} at once, after one shared reading of the offsets.</li>
 * </ul>
 *
 * <p>Waits are measured with {@link System#nanoTime()}, not the service's {@code Clock}: they are real time a
 * request thread is held, like the bulkhead's {@code busy-wait}. Meters: {@code pulseloop.response.links.unknown}
 * (by {@code outcome}), {@code pulseloop.response.links.wait} (time waited, by {@code outcome}),
 * {@code pulseloop.response.links.waiting} (links waiting now).
 */
@Component
public class UnknownLinks {

    /** How long a customer is asked to wait before trying the link again while the broker is unreachable. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public static final String DETAIL = "This survey link cannot be confirmed while the service catches up; "
            + "try again shortly";

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final InvitationDirectory invitations;
    private final InvitationProgress progress;
    private final ObjectProvider<KafkaReadiness> readiness;
    private final UnknownLinkProperties properties;
    private final Semaphore waiters;
    private final MeterRegistry meters;

    UnknownLinks(InvitationDirectory invitations, InvitationProgress progress,
            ObjectProvider<KafkaReadiness> readiness, UnknownLinkProperties properties, MeterRegistry meters) {
        this.invitations = invitations;
        this.progress = progress;
        this.readiness = readiness;
        this.properties = properties;
        this.waiters = new Semaphore(properties.maxWaiters());
        this.meters = meters;
        meters.gauge("pulseloop.response.links.waiting", this, UnknownLinks::waiting);
    }

    /** Unknown links waiting for the invitation consumer right now. */
    public int waiting() {
        return properties.maxWaiters() - waiters.availablePermits();
    }

    /**
     * Decides about a raw URL token whose lookup just found no invitation, waiting for the invitation consumer when
     * it is behind. Every lookup of a token that may answer "unknown" goes through here
     * ({@code invitations.findByToken(token).orElseGet(() -> unknownLinks.resolve(token))}).
     *
     * @return the invitation, when it arrived while waiting
     * @throws InvitationNotFoundException the link is unknown and the service has read every invitation published
     *                                     before the request (404)
     * @throws LinkNotConfirmedException   the link is unknown but its invitation may not have been read yet (503)
     */
    public Invitation resolve(String rawToken) {
        if (mayBeNotYetKnown()) {
            count("broker-unreachable");
            throw new LinkNotConfirmedException(RETRY_AFTER);
        }
        if (!properties.awaitInvitations() || !plausible(rawToken)) {
            count("not-found");
            throw new InvitationNotFoundException();
        }
        InvitationProgress.Snapshot first;
        try {
            first = progress.snapshot();
        }
        catch (ProgressUnknownException unknown) {
            count("progress-unknown");
            throw new LinkNotConfirmedException(properties.retryAfter());
        }
        if (first.caughtUp()) {
            count("not-found");
            throw new InvitationNotFoundException();
        }
        if (!waiters.tryAcquire()) {
            count("too-many-waiting");
            throw new LinkNotConfirmedException(properties.retryAfter());
        }
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            Invitation invitation = await(rawToken, first.ends(), start + properties.maxWait().toNanos());
            if (invitation != null) {
                outcome = "found-after-wait";
                return invitation;
            }
            outcome = "not-found-after-wait";
            throw new InvitationNotFoundException();
        }
        catch (LinkNotConfirmedException stillBehind) {
            outcome = "not-confirmed";
            throw stillBehind;
        }
        finally {
            waiters.release();
            count(outcome);
            Timer.builder("pulseloop.response.links.wait").tag("outcome", outcome)
                    .description("How long unknown links waited for the invitation consumer")
                    .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Waits until the invitation appears (returned), or the group has read up to {@code targets} and it still has
     * not (null), or the deadline passes ({@link LinkNotConfirmedException}).
     */
    private Invitation await(String rawToken, Map<Integer, Long> targets, long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                Optional<Invitation> last = invitations.findByToken(rawToken);
                if (last.isPresent()) {
                    return last.get();
                }
                throw new LinkNotConfirmedException(properties.retryAfter());
            }
            progress.awaitProgress(Math.min(left, POLL_NANOS));
            Optional<Invitation> found = invitations.findByToken(rawToken);
            if (found.isPresent()) {
                return found.get();
            }
            boolean read;
            try {
                read = progress.snapshot().hasRead(targets);
            }
            catch (ProgressUnknownException unknown) {
                read = false;
            }
            if (read) {
                // everything published before the request is in the directory now: one last look decides
                return invitations.findByToken(rawToken).orElse(null);
            }
        }
    }

    /**
     * True while the broker is unreachable from here: two readiness checks in a row failed, 5–10 s into an outage
     * (no readiness check configured: never).
     */
    public boolean mayBeNotYetKnown() {
        KafkaReadiness check = readiness.getIfAvailable();
        return check != null && check.brokerUnreachable();
    }

    /** A token no invitation can have (blank, longer than any issued) is unknown without asking Kafka. */
    private static boolean plausible(String rawToken) {
        return rawToken != null && !rawToken.isBlank() && rawToken.length() <= 512;
    }

    private void count(String outcome) {
        meters.counter("pulseloop.response.links.unknown", "outcome", outcome).increment();
    }
}
