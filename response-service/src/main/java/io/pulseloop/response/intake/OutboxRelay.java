package io.pulseloop.response.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pulseloop.platform.events.PublishFailedException;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.response.publishing.OutgoingRecord;

/**
 * The outbox of responses, relayed by the platform's {@link io.pulseloop.platform.mongo.OutboxRelay}: at once for
 * the request that stored an answer; every {@code relay-interval} for the answers whose request could not (Kafka
 * down or slow), which this process remembers by response id and reads back by {@code _id}; and every
 * {@code relay-scan-interval} (and soon after start) whatever any replica left older than {@code relay-after} (the
 * process died between storing and publishing). The scan is the only query on a field other than {@code _id}, and it
 * is rare: the embedded MongoDB server answers it by scanning every response, which every 5 s cost every request
 * under load. Several replicas may relay the same entry; it then goes out twice with the same event id, which
 * consumers deduplicate on. A relay round tries one response first and, once Kafka acknowledged it, the rest of its
 * batch at once (all sends in flight, then the acknowledgements, within {@code pulseloop.events.publish.ack-timeout}),
 * so while Kafka is down or overloaded a round sends one response's records, as before.
 */
@Component("responseOutboxRelay")
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final int BATCH = 200;

    private final io.pulseloop.platform.mongo.OutboxRelay relay;
    private final IntakeProperties properties;
    private final Clock clock;
    private final Set<String> deferredResponses = ConcurrentHashMap.newKeySet();
    private final Counter deferred;
    private final Counter relayed;

    OutboxRelay(io.pulseloop.platform.mongo.OutboxRelay relay, IntakeProperties properties, Clock clock,
            MeterRegistry meters) {
        this.relay = relay;
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
            relay.relay(ResponseStore.COLLECTION, responseId,
                    records.stream().map(record -> record.toOutboxEntry(null)).toList());
        }
        catch (PublishFailedException slow) {
            deferred.increment();
            deferredResponses.add(responseId);
            // one line per answer while Kafka is down, without the stack trace
            log.warn("Events of response {} not acknowledged in time ({}); the outbox relay will publish them",
                    responseId, slow.getMessage());
            return false;
        }
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
        List<String> batch = new ArrayList<>(deferredResponses).subList(0, Math.min(BATCH, deferredResponses.size()));
        if (batch.isEmpty()) {
            return 0;
        }
        List<io.pulseloop.platform.mongo.OutboxRelay.Pending> pending = relay.pendingOf(ResponseStore.COLLECTION,
                batch);
        Map<Object, List<OutboxEntry>> published = relay.relayBacklog(ResponseStore.COLLECTION, pending);
        // published, or nothing left to publish (relayed by another replica, or erased)
        batch.stream().filter(id -> published.containsKey(id)
                || pending.stream().noneMatch(item -> item.documentId().equals(id))).forEach(deferredResponses::remove);
        return counted(published);
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
        List<io.pulseloop.platform.mongo.OutboxRelay.Pending> page;
        do {
            // published entries leave the outbox, so the next search finds the next ones
            page = relay.pendingWrittenBefore(ResponseStore.COLLECTION, before, BATCH);
            Map<Object, List<OutboxEntry>> published = relay.relayBacklog(ResponseStore.COLLECTION, page);
            count += counted(published);
            if (published.size() < page.size()) {
                return count;
            }
        }
        while (page.size() == BATCH);
        return count;
    }

    private int counted(Map<Object, List<OutboxEntry>> published) {
        int records = published.values().stream().mapToInt(List::size).sum();
        relayed.increment(records);
        return records;
    }
}
