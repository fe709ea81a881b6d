package io.pulseloop.survey.triggers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.DealLost;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.invitations.InvitationLifecycle;
import io.pulseloop.survey.invitations.InvitationPlanner;
import io.pulseloop.survey.invitations.Trigger;
import io.pulseloop.survey.messaging.InvalidEventException;
import io.pulseloop.platform.privacy.PersonalDataOpener;

/**
 * Handles a batch of {@code crm.contacts.v1} records in order: consecutive trigger events are decided together,
 * contact events are applied between them, so a contact's upsert always precedes the decision on its next ticket.
 *
 * <p>Idempotent: upserts apply only when not older than what is stored; erasure sets a flag; a trigger's decision has
 * an id derived from the survey and the trigger's subject. Replaying a batch therefore changes nothing, which is what
 * makes at-least-once delivery safe. A record that cannot be read is named to the container
 * ({@link BatchListenerFailedException}) and dead-lettered; event types this version does not know are skipped and
 * counted ({@code pulseloop.survey.events.skipped}).
 */
@Component
class CrmContactEventHandler {

    private static final Logger log = LoggerFactory.getLogger(CrmContactEventHandler.class);
    private static final Set<String> KNOWN = Set.of("ContactUpserted", "ContactErased", "TicketClosed", "DealWon",
            "DealLost");

    private final ContactDirectory contacts;
    private final InvitationPlanner planner;
    private final InvitationLifecycle lifecycle;
    private final Clock clock;
    private final Counter skipped;
    private final Counter processed;
    private final PersonalDataOpener opener;

    CrmContactEventHandler(ContactDirectory contacts, InvitationPlanner planner, InvitationLifecycle lifecycle,
            Clock clock, MeterRegistry meters, PersonalDataOpener opener) {
        this.opener = opener;
        this.contacts = contacts;
        this.planner = planner;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.skipped = meters.counter("pulseloop.survey.events.skipped", "topic", "crm.contacts.v1");
        this.processed = meters.counter("pulseloop.survey.events.processed", "topic", "crm.contacts.v1");
    }

    void handle(List<?> records) {
        Pending pending = new Pending();
        for (int i = 0; i < records.size(); i++) {
            CrmContactEvent event;
            try {
                event = read(records.get(i));
            }
            catch (InvalidEventException ex) {
                pending.flush();
                throw new BatchListenerFailedException(ex.getMessage(), ex, i);
            }
            if (event == null) {
                skipped.increment();
                continue;
            }
            processed.increment();
            if (event instanceof TicketClosed ticket) {
                pending.trigger(Trigger.of(ticket));
            }
            else if (event instanceof DealWon won) {
                pending.trigger(Trigger.of(won));
            }
            else if (event instanceof DealLost lost) {
                pending.trigger(Trigger.of(lost));
            }
            else if (event instanceof ContactUpserted upserted) {
                ContactUpserted opened;
                try {
                    // email and names arrive sealed (docs/privacy.md); an erased contact's open to null
                    opened = opener.openAll(upserted);
                }
                catch (RuntimeException keyMissingOrTampered) {
                    pending.flush();
                    throw new BatchListenerFailedException(keyMissingOrTampered.getMessage(), keyMissingOrTampered,
                            i);
                }
                pending.upsert(opened);
            }
            else if (event instanceof ContactErased erased) {
                pending.flush();
                contacts.erase(erased, clock.instant());
                lifecycle.withdrawPending(erased.contactId(), SuppressionReason.ERASED,
                        "the contact was erased (right to erasure)");
            }
        }
        pending.flush();
    }

    /**
     * Consecutive upserts are applied together, and so are consecutive triggers; switching from one kind to the other
     * applies what was collected first, so the batch's order holds (an upsert precedes the trigger after it).
     */
    private final class Pending {

        private final List<ContactUpserted> upserts = new ArrayList<>();
        private final List<Trigger> triggers = new ArrayList<>();

        void upsert(ContactUpserted upserted) {
            decide();
            upserts.add(upserted);
        }

        void trigger(Trigger trigger) {
            apply();
            triggers.add(trigger);
        }

        void flush() {
            apply();
            decide();
        }

        private void apply() {
            if (!upserts.isEmpty()) {
                contacts.upsertAll(List.copyOf(upserts));
                upserts.clear();
            }
        }

        private void decide() {
            if (!triggers.isEmpty()) {
                planner.plan(List.copyOf(triggers));
                triggers.clear();
            }
        }
    }

    /**
     * The event, {@code null} for an event type this version does not know.
     *
     * @param payload the record's value as the binder hands it over: bytes, or {@code KafkaNull} for a tombstone
     */
    static CrmContactEvent read(Object payload) {
        if (!(payload instanceof byte[] value)) {
            throw new InvalidEventException("a crm.contacts.v1 record has no value (a tombstone); events are never "
                    + "deleted on this topic");
        }
        try {
            JsonNode tree = EventJson.mapper().readTree(value);
            String type = tree.path("eventType").asString(null);
            if (type == null) {
                throw new InvalidEventException("a crm.contacts.v1 record has no eventType");
            }
            if (!KNOWN.contains(type)) {
                log.debug("Skipping crm.contacts.v1 event of unknown type {}", type);
                return null;
            }
            CrmContactEvent event = EventJson.mapper().treeToValue(tree, CrmContactEvent.class);
            if (event.contactId() == null || event.contactId().isBlank()) {
                throw new InvalidEventException("a " + type + " event has no contactId");
            }
            if (event.eventId() == null || event.eventId().isBlank()) {
                throw new InvalidEventException("a " + type + " event has no eventId");
            }
            return event;
        }
        catch (JacksonException ex) {
            throw new InvalidEventException("a crm.contacts.v1 record is not a readable event: "
                    + ex.getOriginalMessage(), ex);
        }
    }
}
