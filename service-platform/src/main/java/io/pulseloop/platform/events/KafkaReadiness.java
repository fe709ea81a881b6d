package io.pulseloop.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Readiness follows the Kafka broker; liveness never does. A service whose broker has been unreachable for longer
 * than the grace period ({@code pulseloop.readiness.kafka.grace}, default 30 s) reports
 * {@code REFUSING_TRAFFIC} on {@code /actuator/health/readiness}, so a load balancer sends requests to replicas that
 * can publish, and {@code ACCEPTING_TRAFFIC} again at the first successful check. Short blips inside the grace period
 * change nothing. Liveness ({@code /actuator/health/liveness}) checks neither Kafka nor MongoDB: restarting a
 * replica does not bring a broker back.
 *
 * <p>{@link #check()} asks the cluster for its id with a short timeout; the platform runs it every
 * {@code pulseloop.readiness.kafka.interval} (default 5 s) on a daemon thread.
 */
public class KafkaReadiness implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaReadiness.class);

    private final BooleanSupplier probe;
    private final AutoCloseable resources;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration grace;
    private Instant failingSince;
    private int failedChecks;
    private boolean refusing;

    /** Checks with the admin client, each check bounded by {@code timeout}; closes the client with itself. */
    public KafkaReadiness(Admin admin, ApplicationEventPublisher events, Clock clock, Duration grace,
            Duration timeout) {
        this(() -> reachable(admin, timeout), admin, events, clock, grace);
    }

    /** Checks with any probe (true: the broker answers). */
    public KafkaReadiness(BooleanSupplier probe, AutoCloseable resources, ApplicationEventPublisher events, Clock clock,
            Duration grace) {
        this.probe = probe;
        this.resources = resources;
        this.events = events;
        this.clock = clock;
        this.grace = grace;
    }

    /** Checks the broker once and changes the readiness state when the outcome says so. */
    public synchronized void check() {
        boolean reachable = probe.getAsBoolean();
        Instant now = clock.instant();
        if (reachable) {
            failingSince = null;
            failedChecks = 0;
            if (refusing) {
                refusing = false;
                log.info("Kafka answers again: accepting traffic");
                AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
            }
            return;
        }
        if (failingSince == null) {
            failingSince = now;
        }
        failedChecks++;
        if (!refusing && !now.isBefore(failingSince.plus(grace))) {
            refusing = true;
            log.warn("Kafka unreachable since {}: refusing traffic until it answers", failingSince);
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        }
    }

    /**
     * True when the last two checks found the broker unreachable, within the grace period too: what this replica has
     * not heard from Kafka yet may exist (a service answering "unknown" would then be wrong, not just late). One failed
     * check is not enough: on a loaded machine a single probe can time out while the broker is fine.
     */
    public synchronized boolean brokerUnreachable() {
        return failedChecks >= 2;
    }

    /** True while this check holds readiness down. */
    public synchronized boolean refusing() {
        return refusing;
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }

    /** True when the cluster tells its id within the timeout. */
    public static boolean reachable(Admin admin, Duration timeout) {
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception unreachable) {
            return false;
        }
    }
}
