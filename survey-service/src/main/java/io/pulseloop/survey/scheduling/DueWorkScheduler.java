package io.pulseloop.survey.scheduling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import io.pulseloop.survey.invitations.InvitationDocument;
import io.pulseloop.survey.invitations.InvitationStore;
import io.pulseloop.survey.invitations.OutboxPublisher;
import io.pulseloop.survey.waves.WaveRunner;

/**
 * One scheduler tick: publishes events left in outboxes, plans due relationship waves, then claims and carries out
 * due invitation steps in batches. All time comes from the injected {@link Clock}; every replica may tick at the same
 * time, because work is claimed with leases in MongoDB. A tick handles at most {@code batchSize ×
 * maxBatchesPerTick} invitations, so a backlog after downtime catches up at a steady pace rather than in one burst.
 */
@Component
public class DueWorkScheduler {

    private final Clock clock;
    private final InvitationStore store;
    private final InvitationDispatcher dispatcher;
    private final OutboxPublisher outbox;
    private final WaveRunner waves;
    private final SchedulingProperties properties;
    private final String ownerId;
    private final Timer claimTimer;

    DueWorkScheduler(Clock clock, InvitationStore store, InvitationDispatcher dispatcher, OutboxPublisher outbox,
            WaveRunner waves, SchedulingProperties properties, MeterRegistry meters) {
        this.clock = clock;
        this.store = store;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.waves = waves;
        this.properties = properties;
        this.ownerId = (properties.ownerId() == null || properties.ownerId().isBlank()) ? defaultOwnerId()
                : properties.ownerId();
        this.claimTimer = meters.timer("pulseloop.survey.scheduling.phase", "phase", "claim");
        Gauge.builder("pulseloop.survey.scheduling.due", () -> store.dueCount(clock.instant()))
                .description("invitation steps due and not yet done (the backlog)").register(meters);
    }

    /** This replica's name in leases. */
    public String ownerId() {
        return ownerId;
    }

    /**
     * Runs one tick.
     *
     * @return how many invitation steps were carried out
     */
    public int tick() {
        outbox.relay(ownerId, properties.batchSize());
        waves.runDue(ownerId);
        int processed = 0;
        for (int batch = 0; batch < properties.maxBatchesPerTick(); batch++) {
            long claiming = System.nanoTime();
            List<InvitationDocument> claimed = store.claimDue(clock.instant(), ownerId, properties.lease(),
                    properties.batchSize());
            claimTimer.record(System.nanoTime() - claiming, TimeUnit.NANOSECONDS);
            if (claimed.isEmpty()) {
                break;
            }
            dispatcher.process(claimed, clock.instant());
            processed += claimed.size();
            if (claimed.size() < properties.batchSize()) {
                break;
            }
        }
        return processed;
    }

    private static String defaultOwnerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            host = "survey-service";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
