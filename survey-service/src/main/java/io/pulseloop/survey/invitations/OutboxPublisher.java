package io.pulseloop.survey.invitations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import io.pulseloop.events.topic.Topics;

/**
 * Publishes the events an invitation's outbox holds to {@code survey.invitations.v1}, keyed by contact id, and
 * removes them once the broker acknowledged them ({@code acks=all}). The writer of a step publishes its events at
 * once; when that fails (or the writer dies) the relay, run by the scheduler, publishes them after the handover
 * period. Either way an event is published at least once with a stable event id, which consumers deduplicate.
 *
 * <p>The outbox publishes through the Kafka template rather than a {@code StreamBridge} binding because it needs the
 * acknowledgement of every record of a batch before it may delete the record from the outbox.
 */
@Component
public class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final InvitationStore store;
    private final Clock clock;
    private final Counter publishedEvents;
    private final Counter failedEvents;

    OutboxPublisher(KafkaTemplate<String, String> kafka, InvitationStore store, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.store = store;
        this.clock = clock;
        this.publishedEvents = meters.counter("pulseloop.survey.outbox.published");
        this.failedEvents = meters.counter("pulseloop.survey.outbox.failed");
    }

    /** The events of one invitation, to publish in order. */
    public record Pending(String invitationId, String contactId, List<OutboxEntry> events) {
    }

    /** Publishes and, per invitation, removes what the broker acknowledged. Never throws: the relay retries. */
    public void publish(List<Pending> pending) {
        Map<String, List<String>> published = send(pending);
        store.published(published);
    }

    /**
     * Publishes without touching the store.
     *
     * @return invitation id to its event ids, for the invitations all of whose events the broker acknowledged
     */
    public Map<String, List<String>> send(List<Pending> pending) {
        List<List<CompletableFuture<SendResult<String, String>>>> sends = new ArrayList<>();
        for (Pending item : pending) {
            List<CompletableFuture<SendResult<String, String>>> futures = new ArrayList<>();
            try {
                for (OutboxEntry event : item.events()) {
                    futures.add(kafka.send(Topics.SURVEY_INVITATIONS, item.contactId(), event.payload()));
                }
            }
            catch (RuntimeException ex) {
                futures.add(CompletableFuture.failedFuture(ex));
            }
            sends.add(futures);
        }
        Map<String, List<String>> published = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending item = pending.get(i);
            if (item.events().isEmpty()) {
                continue;
            }
            try {
                for (CompletableFuture<SendResult<String, String>> future : sends.get(i)) {
                    future.get(30, TimeUnit.SECONDS);
                }
                published.computeIfAbsent(item.invitationId(), id -> new ArrayList<>())
                        .addAll(item.events().stream().map(OutboxEntry::eventId).toList());
                publishedEvents.increment(item.events().size());
            }
            catch (Exception ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failedEvents.increment(item.events().size());
                log.warn("Could not publish the events of invitation {} yet; the outbox relay will retry: {}",
                        item.invitationId(), ex.toString());
            }
        }
        return published;
    }

    /** Publishes events left behind by writers that failed or died; returns how many invitations it handled. */
    public int relay(int limit) {
        List<InvitationDocument> claimed = store.claimOutbox(clock.instant(), limit);
        if (claimed.isEmpty()) {
            return 0;
        }
        publish(claimed.stream().map(invitation -> new Pending(invitation.id(), invitation.contactId(),
                invitation.outbox())).toList());
        return claimed.size();
    }
}
