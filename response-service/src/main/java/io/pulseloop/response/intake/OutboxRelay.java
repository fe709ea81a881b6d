package io.pulseloop.response.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.PublishFailedException;
import io.pulseloop.response.intake.ResponseDocument.OutboxEntry;
import io.pulseloop.response.publishing.OutgoingRecord;

/**
 * Publishes the outbox of responses: at once for the request that stored an answer; every {@code relay-interval}
 * for the answers whose request could not (Kafka down or slow), which this process remembers by response id and
 * reads back by {@code _id}; and every {@code relay-scan-interval} (and soon after start) whatever any replica left
 * older than {@code relay-after} (the process died between storing and publishing). The scan is the only query on
 * a field other than {@code _id}, and it is rare: the embedded MongoDB server answers it by scanning every
 * response, which every 5 s cost every request under load. Several replicas may relay the same entry; it then goes
 * out twice with the same event id, which consumers deduplicate on.
 *
 * <p>Publishing is the platform's {@link EventPublisher} (acks awaited within
 * {@code pulseloop.events.publish.ack-timeout}). The relay itself stays here rather than the platform's
 * single-document {@code OutboxRelay}: this one keeps the entries' own shape (topic, key, type, JSON and time, as
 * stored since the first release) and retries by {@code _id} instead of searching on every round.
 */
@Component("responseOutboxRelay")
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final int BATCH = 200;

    private final ResponseStore store;
    private final EventPublisher publisher;
    private final IntakeProperties properties;
    private final Clock clock;
    private final Set<String> deferredResponses = ConcurrentHashMap.newKeySet();
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
        meters.gauge("pulseloop.response.outbox.deferred.responses", deferredResponses, Set::size);
    }

    /**
     * Publishes an answer's records and clears them from the outbox; {@code false} if Kafka did not acknowledge
     * within {@code pulseloop.events.publish.ack-timeout}.
     */
    boolean publishNow(String responseId, List<OutgoingRecord> records) {
        try {
            publisher.publishAll(records.stream().map(OutgoingRecord::toEvent).toList());
        }
        catch (PublishFailedException slow) {
            deferred.increment();
            deferredResponses.add(responseId);
            // one line per answer while Kafka is down, without the stack trace
            log.warn("Events of response {} not acknowledged in time ({}); the outbox relay will publish them",
                    responseId, slow.getMessage());
            return false;
        }
        store.published(responseId, records.stream().map(OutgoingRecord::eventId).toList());
        return true;
    }

    /**
     * Publishes the outboxes of the answers this process stored but could not publish ({@code _id} reads only).
     *
     * @return how many records were published
     */
    @Scheduled(fixedDelayString = "${pulseloop.response.intake.relay-interval:PT5S}",
            initialDelayString = "${pulseloop.response.intake.relay-interval:PT5S}")
    public int relayDeferred() {
        int count = 0;
        List<String> batch = new ArrayList<>(deferredResponses).subList(0, Math.min(BATCH, deferredResponses.size()));
        for (String responseId : batch) {
            ResponseStore.PendingOutbox pending = store.outboxOf(responseId);
            if (pending == null || pending.outbox() == null || pending.outbox().isEmpty()) {
                deferredResponses.remove(responseId);
                continue;
            }
            if (!publish(pending, pending.outbox().stream().map(OutboxEntry::toRecord).toList())) {
                return count;
            }
            deferredResponses.remove(responseId);
            count += pending.outbox().size();
        }
        return count;
    }

    /**
     * Publishes outbox entries older than {@code relay-after}, found by a search of all responses.
     *
     * @return how many records were published
     */
    @Scheduled(fixedDelayString = "${pulseloop.response.intake.relay-scan-interval:PT5M}",
            initialDelayString = "${pulseloop.response.intake.relay-interval:PT5S}")
    public int relayStale() {
        Instant before = clock.instant().minus(properties.relayAfter());
        int count = 0;
        List<ResponseStore.PendingOutbox> page;
        do {
            // published entries leave the outbox, so the next search finds the next ones
            page = store.withOutboxOlderThan(before, BATCH);
            for (ResponseStore.PendingOutbox response : page) {
                List<OutgoingRecord> records = response.outbox().stream()
                        .filter(entry -> entry.createdAt().isBefore(before))
                        .map(OutboxEntry::toRecord).toList();
                if (!publish(response, records)) {
                    return count;
                }
                count += records.size();
            }
        }
        while (page.size() == BATCH);
        return count;
    }

    private boolean publish(ResponseStore.PendingOutbox response, List<OutgoingRecord> records) {
        try {
            publisher.publishAll(records.stream().map(OutgoingRecord::toEvent).toList());
        }
        catch (PublishFailedException stillDown) {
            log.warn("Outbox relay could not publish {} record(s) of response {}; will retry ({})",
                    records.size(), response.responseId(), stillDown.getMessage());
            return false;
        }
        store.published(response.responseId(), records.stream().map(OutgoingRecord::eventId).toList());
        relayed.increment(records.size());
        return true;
    }
}
