package io.pulseloop.response.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pulseloop.response.intake.ResponseDocument.OutboxEntry;
import io.pulseloop.response.publishing.EventPublisher;
import io.pulseloop.response.publishing.OutgoingRecord;
import io.pulseloop.response.publishing.PublishFailedException;

/**
 * Publishes the outbox of responses: at once for the request that stored an answer, and, every
 * {@code relay-interval}, whatever is older than {@code relay-after} (the request gave up waiting, or the process
 * died between storing and publishing). Several replicas may relay the same entry; it then goes out twice with the
 * same event id, which consumers deduplicate on.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final int BATCH = 200;

    private final ResponseStore store;
    private final EventPublisher publisher;
    private final IntakeProperties properties;
    private final Clock clock;
    private final Counter deferred;
    private final Counter relayed;

    OutboxRelay(ResponseStore store, EventPublisher publisher, IntakeProperties properties, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.deferred = Counter.builder("pulseloop.response.outbox.deferred")
                .description("Answers whose events Kafka did not acknowledge in time; left to the relay")
                .register(meters);
        this.relayed = Counter.builder("pulseloop.response.outbox.relayed")
                .description("Outbox records published by the relay rather than by the request").register(meters);
    }

    /** Publishes an answer's records and clears them from the outbox; {@code false} if Kafka was too slow. */
    boolean publishNow(String responseId, List<OutgoingRecord> records) {
        try {
            publisher.publishAll(records, properties.publishTimeout());
        }
        catch (PublishFailedException slow) {
            deferred.increment();
            log.warn("Events of response {} not acknowledged in time; the outbox relay will publish them",
                    responseId, slow);
            return false;
        }
        store.published(responseId, records.stream().map(OutgoingRecord::eventId).toList());
        return true;
    }

    /**
     * Publishes outbox entries older than {@code relay-after}.
     *
     * @return how many records were published
     */
    @Scheduled(fixedDelayString = "${pulseloop.response.intake.relay-interval:PT5S}",
            initialDelayString = "${pulseloop.response.intake.relay-interval:PT5S}")
    public int relayStale() {
        Instant before = clock.instant().minus(properties.relayAfter());
        int count = 0;
        for (ResponseStore.PendingOutbox response : store.withOutboxOlderThan(before, BATCH)) {
            List<OutgoingRecord> records = response.outbox().stream()
                    .filter(entry -> entry.createdAt().isBefore(before))
                    .map(OutboxEntry::toRecord).toList();
            try {
                publisher.publishAll(records, properties.publishTimeout());
            }
            catch (PublishFailedException stillDown) {
                log.warn("Outbox relay could not publish {} record(s) of response {}; will retry",
                        records.size(), response.responseId(), stillDown);
                return count;
            }
            store.published(response.responseId(), records.stream().map(OutgoingRecord::eventId).toList());
            relayed.increment(records.size());
            count += records.size();
        }
        return count;
    }
}
