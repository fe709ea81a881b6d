package io.pulseloop.crmsync.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.crmsync.cloudevents.CrmCloudEventReader;
import io.pulseloop.events.crm.inbound.CrmInboundEvent;
import io.pulseloop.crmsync.cloudevents.InvalidCrmEventException;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.DeadLetters;
import io.pulseloop.platform.privacy.PersonalDataSealer;

/**
 * Turns a batch of {@code crm.inbound.v1} records into canonical events (contract §2.1).
 *
 * <p>For each batch, in this order: every record is read and validated ({@link CrmCloudEventReader}); invalid
 * ones (tombstones included) become dead letters, unknown types are counted and skipped; every other event is
 * <em>claimed</em> in {@link ProcessedEvents} by an insert keyed by its canonical id (same {@code source} and
 * {@code id}), one unordered insert per batch: an event whose claim is lost (another copy, earlier in this batch,
 * in another batch, on another partition or replica) is a duplicate and stands down; erasures are recorded as
 * tombstones; the canonical events and dead letters are sent, keyed by contact id (owner id), and awaited until
 * Kafka acknowledged all of them. The caller commits the offsets after this method returns.
 *
 * <p>Idempotent and atomic: exactly one copy of an event wins its claim. A crash after claiming and before the
 * offsets are committed redelivers the same records, which still own their claims and publish again — the same
 * canonical event id, which consumers dedupe — so nothing is lost.
 * Order per contact: one contact's records share a partition, the batch is processed in record order, and the
 * idempotent producer keeps the order of sends with the same key.
 */
@Component
public class CrmInboundPipeline {

    private static final Logger log = LoggerFactory.getLogger(CrmInboundPipeline.class);
    static final String TOMBSTONE = "the record has no value (a tombstone); a CRM event is a CloudEvent, never null";

    private final CrmCloudEventReader reader = new CrmCloudEventReader();
    private final ObjectWriter contactEvents = EventJson.mapper().writerFor(CrmContactEvent.class);
    private final ObjectWriter ownerEvents = EventJson.mapper().writerFor(OwnerUpserted.class);
    private final ProcessedEvents processed;
    private final ErasedContacts erasedContacts;
    private final KafkaPublishing publishing;
    private final InboundMetrics metrics;
    private final InboundProperties properties;
    private final PersonalDataSealer sealer;

    CrmInboundPipeline(ProcessedEvents processed, ErasedContacts erasedContacts, KafkaPublishing publishing,
            InboundMetrics metrics, InboundProperties properties, PersonalDataSealer sealer) {
        this.sealer = sealer;
        this.processed = processed;
        this.erasedContacts = erasedContacts;
        this.publishing = publishing;
        this.metrics = metrics;
        this.properties = properties;
    }

    /**
     * Processes one batch; returns once its effect is durable (canonical events and dead letters acknowledged by
     * Kafka, processed events recorded).
     *
     * @throws RuntimeException when MongoDB or Kafka fails; nothing is then committed and the batch is retried
     */
    public BatchOutcome process(List<InboundRecord> records) {
        return metrics.batchTimer().record(() -> processBatch(records));
    }

    private BatchOutcome processBatch(List<InboundRecord> records) {
        long started = System.nanoTime();
        List<CrmInboundEvent> events = new ArrayList<>(records.size());
        List<String> eventOrigins = new ArrayList<>(records.size());
        List<Poison> deadLetters = new ArrayList<>();
        int unknown = 0;
        for (InboundRecord record : records) {
            Object read = read(record);
            if (read instanceof Poison deadLetter) {
                deadLetters.add(deadLetter);
            } else if (read instanceof CrmInboundEvent.OfUnknownType skipped) {
                unknown++;
                metrics.unknownType();
                log.info("Skipped CRM event {} of unknown type '{}' from {} ({})", skipped.attributes().id(),
                        skipped.attributes().type(), skipped.attributes().source(), record.origin());
            } else {
                events.add((CrmInboundEvent) read);
                eventOrigins.add(record.origin());
            }
        }

        // one claim per distinct event (a copy later in the same batch is a duplicate at once), then one unordered
        // insert keyed by the canonical id: only the claims this batch wins are published (issue 11 #5)
        long read = System.nanoTime();
        Map<String, ProcessedEvents.Claim> claims = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            CrmInboundEvent event = events.get(i);
            String id = canonicalId(event);
            ids.add(id);
            claims.putIfAbsent(id, new ProcessedEvents.Claim(id, event.attributes(), eventOrigins.get(i)));
        }
        Set<String> owned = processed.claim(claims.values());
        long looked = System.nanoTime();
        List<CrmInboundEvent> fresh = new ArrayList<>(events.size());
        Map<String, Integer> duplicatesByType = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (owned.remove(ids.get(i))) {
                fresh.add(events.get(i));
            } else {
                duplicatesByType.merge(events.get(i).attributes().type(), 1, Integer::sum);
            }
        }
        int duplicates = duplicatesByType.values().stream().mapToInt(Integer::intValue).sum();

        Set<String> contactIds = new LinkedHashSet<>();
        fresh.stream().filter(CrmInboundEvent.ForContact.class::isInstance).forEach(e -> contactIds.add(e.key()));
        Set<String> erased = new HashSet<>(erasedContacts.erasedAmong(contactIds));
        List<ErasedContacts.Tombstone> tombstones = new ArrayList<>();
        // every contact whose personal fields this batch publishes has its data key on the key topic first (one round
        // trip for the new ones); the fields go out sealed (docs/privacy.md)
        PersonalDataSealer.Sealing sealing = sealer.prepare(fresh.stream()
                .filter(CrmInboundEvent.ForContact.class::isInstance)
                .map(e -> ((CrmInboundEvent.ForContact) e).event())
                .filter(e -> e instanceof ContactUpserted || e instanceof TicketClosed)
                .map(CrmContactEvent::contactId).filter(id -> !erased.contains(id)).toList());
        List<ProducerRecord<String, byte[]>> canonical = new ArrayList<>(fresh.size());
        Map<String, Integer> publishedByType = new HashMap<>();
        int suppressed = 0;
        for (int i = 0; i < fresh.size(); i++) {
            CrmInboundEvent event = fresh.get(i);
            if (event instanceof CrmInboundEvent.ForOwner owner) {
                canonical.add(new ProducerRecord<>(Topics.CRM_OWNERS, owner.key(),
                        ownerEvents.writeValueAsBytes(owner.event())));
                publishedByType.merge(event.attributes().type(), 1, Integer::sum);
                continue;
            }
            CrmContactEvent contactEvent = ((CrmInboundEvent.ForContact) event).event();
            String contactId = contactEvent.contactId();
            if (contactEvent instanceof ContactErased erasure) {
                tombstones.add(new ErasedContacts.Tombstone(contactId, erasure.occurredAt(), erasure.eventId()));
                erased.add(contactId);
            } else if (erased.contains(contactId)) {
                if (contactEvent instanceof ContactUpserted) {
                    suppressed++;
                    metrics.suppressed(event.attributes().type());
                    log.info("Did not publish CRM event {} from {}: contact {} was erased",
                            event.attributes().id(), event.attributes().source(), contactId);
                    continue;
                }
                contactEvent = withoutPersonalData(contactEvent);
            } else {
                contactEvent = sealed(contactEvent, sealing);
            }
            canonical.add(new ProducerRecord<>(Topics.CRM_CONTACTS, contactId,
                    contactEvents.writeValueAsBytes(contactEvent)));
            publishedByType.merge(event.attributes().type(), 1, Integer::sum);
        }

        erasedContacts.record(tombstones);
        // the contact's data key is destroyed and every reader told: each copy of their fields, on every topic,
        // becomes unreadable (idempotent: a redelivered erasure erases again)
        tombstones.forEach(tombstone -> sealer.erase(tombstone.contactId()));
        long prepared = System.nanoTime();
        KafkaSends sends = publishing.open();
        canonical.forEach(sends::send);
        // poison goes out with the batch's good records, awaited together; the platform's dead-letter headers
        deadLetters.forEach(deadLetter -> sends.send(DeadLetters.record(Topics.CRM_INBOUND_DLQ,
                deadLetter.record().toConsumerRecord(), deadLetter.cause(), deadLetter.reason(), deadLetter.field(),
                deadLetter.attempts())));
        sends.awaitAcknowledged();
        if (log.isDebugEnabled()) {
            log.debug("Batch of {}: read {} ms, dedupe claim {} ms, erasure and mapping {} ms, publish {} ms",
                    records.size(), (read - started) / 1_000_000, (looked - read) / 1_000_000,
                    (prepared - looked) / 1_000_000, (System.nanoTime() - prepared) / 1_000_000);
        }

        publishedByType.forEach(metrics::published);
        duplicatesByType.forEach(metrics::duplicate);
        for (Poison deadLetter : deadLetters) {
            metrics.deadLettered(deadLetter.reason(), deadLetter.field());
            log.warn("Dead-lettered {} to {}: {} ({})", deadLetter.record().origin(), Topics.CRM_INBOUND_DLQ,
                    deadLetter.message(), deadLetter.reason());
        }
        return new BatchOutcome(records.size(), canonical.size(), duplicates, unknown, deadLetters.size(),
                suppressed);
    }

    private Object read(InboundRecord record) {
        if (record.value() == null) {
            // a tombstone: no CRM event is ever deleted this way; dead-lettered with its cause like any other poison
            InvalidCrmEventException tombstone = new InvalidCrmEventException(null, TOMBSTONE);
            return new Poison(record, "invalid", null, tombstone.getMessage(), tombstone, 1);
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= properties.readAttempts(); attempt++) {
            try {
                return reader.readKafkaRecord(record.value(), record.headersAsText());
            } catch (InvalidCrmEventException e) {
                return new Poison(record, "invalid", e.field(), e.getMessage(), e, attempt);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        return new Poison(record, "unreadable", null, String.valueOf(last.getMessage()), last,
                properties.readAttempts());
    }

    /**
     * The canonical event id the reader already computed (a name-based UUID: an MD5 per call, 6 % of the consumer
     * threads' CPU when it was computed a second time here).
     */
    public static String canonicalId(CrmInboundEvent event) {
        if (event instanceof CrmInboundEvent.ForContact contact) {
            return contact.event().eventId();
        }
        if (event instanceof CrmInboundEvent.ForOwner owner) {
            return owner.event().eventId();
        }
        return CrmCloudEventReader.canonicalEventId(event.attributes());
    }

    /** An erased contact's ticket keeps flowing (survey-service records why it is not surveyed), its subject not. */
    private static CrmContactEvent withoutPersonalData(CrmContactEvent event) {
        if (event instanceof TicketClosed t) {
            return new TicketClosed(t.eventId(), t.occurredAt(), t.contactId(), t.correlationId(), t.source(),
                    t.sourceEventId(), t.ticketId(), t.closedAt(), t.ticketType(), t.technicianId(), null);
        }
        return event;
    }

    /** The personal fields (email, names; a ticket's subject) sealed with the contact's data key. */
    private static CrmContactEvent sealed(CrmContactEvent event, PersonalDataSealer.Sealing sealing) {
        if (event instanceof ContactUpserted c) {
            String id = c.contactId();
            return new ContactUpserted(c.eventId(), c.occurredAt(), id, c.correlationId(), c.source(),
                    c.sourceEventId(), sealing.seal(id, c.email()), sealing.seal(id, c.firstName()),
                    sealing.seal(id, c.lastName()), c.accountId(), c.accountName(), c.accountTier(), c.region(),
                    c.branch(), c.ownerId(), c.locale(), c.timeZone(), c.customerStatus(), c.consent(),
                    c.doNotContact());
        }
        if (event instanceof TicketClosed t) {
            return new TicketClosed(t.eventId(), t.occurredAt(), t.contactId(), t.correlationId(), t.source(),
                    t.sourceEventId(), t.ticketId(), t.closedAt(), t.ticketType(), t.technicianId(),
                    sealing.seal(t.contactId(), t.subject()));
        }
        return event;
    }

    /** What became of one batch. */
    public record BatchOutcome(int records, int published, int duplicates, int unknownTypes, int deadLettered,
            int suppressed) {
    }

    /**
     * A poison record on its way to {@code crm.inbound.v1.dlq} with the platform's cause headers ({@link DeadLetters}).
     *
     * @param reason  the kind of failure: {@code invalid} (not a valid CRM CloudEvent) or {@code unreadable}
     *                (reading failed in an unexpected way, after bounded attempts)
     * @param field   the offending field as a CRM developer would look for it (e.g. {@code data.contactId}), or
     *                {@code null} when the whole record is unreadable
     * @param message what is wrong, e.g. {@code data.contactId: is required}
     */
    private record Poison(InboundRecord record, String reason, String field, String message, Throwable cause,
            int attempts) {
    }
}
