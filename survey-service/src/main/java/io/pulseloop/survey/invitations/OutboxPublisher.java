package io.pulseloop.survey.invitations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.platform.mongo.OutboxRelay;

/**
 * The invitations' outbox on the platform's {@link OutboxRelay}: events for {@code survey.invitations.v1}, keyed by
 * contact id, removed once the broker acknowledged them ({@code acks=all}). The writer of a step publishes its events
 * at once (every invitation's records in flight together); when that fails (or the writer dies) the relay, run by the
 * scheduler, claims the outbox after the handover period and publishes it. Either way an event is published at least
 * once with a stable event id, which consumers deduplicate, and a crash re-sends at most what was in flight.
 */
@Component
public class OutboxPublisher {

    private final OutboxRelay relay;
    private final InvitationStore store;
    private final Counter publishedEvents;
    private final Counter failedEvents;

    OutboxPublisher(OutboxRelay relay, InvitationStore store, MeterRegistry meters) {
        this.relay = relay;
        this.store = store;
        this.publishedEvents = meters.counter("pulseloop.survey.outbox.published");
        this.failedEvents = meters.counter("pulseloop.survey.outbox.failed");
    }

    /** The events of one invitation, to publish in order. */
    public record Pending(String invitationId, String contactId, List<OutboxEntry> events) {
    }

    /** Publishes and, per invitation, removes what the broker acknowledged. Never throws: the relay retries. */
    public void publish(List<Pending> pending) {
        counted(pending, relay.relayAll(InvitationStore.INVITATIONS, pending.stream().map(OutboxPublisher::toRelay)
                .toList()));
    }

    /**
     * Publishes without touching the store.
     *
     * @return invitation id to its event ids, for the invitations all of whose events the broker acknowledged
     */
    public Map<String, List<String>> send(List<Pending> pending) {
        return counted(pending, relay.publishAll(pending.stream().map(OutboxPublisher::toRelay).toList()));
    }

    /** Publishes events left behind by writers that failed or died; returns how many invitations it handled. */
    public int relay(String owner, int limit) {
        List<OutboxRelay.Pending> claimed = store.claimOutbox(owner, limit);
        if (!claimed.isEmpty()) {
            Map<Object, List<OutboxEntry>> relayed = relay.relayBacklog(InvitationStore.INVITATIONS, claimed);
            count(claimed, relayed);
        }
        return claimed.size();
    }

    private Map<String, List<String>> counted(List<Pending> pending, Map<Object, List<OutboxEntry>> acknowledged) {
        count(pending.stream().map(OutboxPublisher::toRelay).toList(), acknowledged);
        Map<String, List<String>> published = new LinkedHashMap<>();
        acknowledged.forEach((invitationId, entries) -> published.put((String) invitationId,
                entries.stream().map(OutboxEntry::eventId).toList()));
        return published;
    }

    private void count(List<OutboxRelay.Pending> pending, Map<Object, List<OutboxEntry>> acknowledged) {
        int all = pending.stream().mapToInt(item -> item.entries().size()).sum();
        int published = acknowledged.values().stream().mapToInt(List::size).sum();
        publishedEvents.increment(published);
        failedEvents.increment(all - published);
    }

    private static OutboxRelay.Pending toRelay(Pending pending) {
        return new OutboxRelay.Pending(pending.invitationId(), pending.events().stream()
                .map(entry -> entry.withDefaults(Topics.SURVEY_INVITATIONS,
                        pending.contactId())).toList());
    }
}
