package io.pulseloop.crmsync.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

/**
 * Turns a batch of {@code crm.inbound.v1} records into canonical events (contract §2.1).
 *
 * <p>For each batch, in this order: every record is read and validated ({@link CrmCloudEventReader}); invalid
 * ones become dead letters, unknown types are counted and skipped; events seen before (same {@code source} and
 * {@code id}, looked up in {@link ProcessedEvents} with one query, and within the batch) are skipped as
 * duplicates; erasures are recorded as tombstones; the canonical events and dead letters are sent, keyed by
 * contact id (owner id), and awaited until Kafka acknowledged all of them; only then are the events recorded as
 * processed. The caller commits the offsets after this method returns.
 *
 * <p>Idempotent: what makes a redelivery harmless is the unique canonical event id in {@link ProcessedEvents}; a
 * crash after publishing and before recording republishes the same canonical event id, which consumers dedupe.
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

    CrmInboundPipeline(ProcessedEvents processed, ErasedContacts erasedContacts, KafkaPublishing publishing,
            InboundMetrics metrics, InboundProperties properties) {
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
        List<DeadLetter> deadLetters = new ArrayList<>();
        int unknown = 0;
        for (InboundRecord record : records) {
            Object read = read(record);
            if (read instanceof DeadLetter deadLetter) {
                deadLetters.add(deadLetter);
            } else if (read instanceof CrmInboundEvent.OfUnknownType skipped) {
                unknown++;
                metrics.unknownType();
                log.info("Skipped CRM event {} of unknown type '{}' from {} ({})", skipped.attributes().id(),
                        skipped.attributes().type(), skipped.attributes().source(), record.origin());
            } else {
                events.add((CrmInboundEvent) read);
            }
        }

        List<String> ids = new ArrayList<>(events.size());
        events.forEach(event -> ids.add(CrmCloudEventReader.canonicalEventId(event.attributes())));
        long read = System.nanoTime();
        Set<String> seen = new HashSet<>(processed.alreadyProcessed(ids));
        long looked = System.nanoTime();
        List<CrmInboundEvent> fresh = new ArrayList<>(events.size());
        List<String> freshIds = new ArrayList<>(events.size());
        Map<String, Integer> duplicatesByType = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (seen.add(ids.get(i))) {
                fresh.add(events.get(i));
                freshIds.add(ids.get(i));
            } else {
                duplicatesByType.merge(events.get(i).attributes().type(), 1, Integer::sum);
            }
        }
        int duplicates = duplicatesByType.values().stream().mapToInt(Integer::intValue).sum();

        Set<String> contactIds = new LinkedHashSet<>();
        fresh.stream().filter(CrmInboundEvent.ForContact.class::isInstance).forEach(e -> contactIds.add(e.key()));
        Set<String> erased = new HashSet<>(erasedContacts.erasedAmong(contactIds));
        List<ErasedContacts.Tombstone> tombstones = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> canonical = new ArrayList<>(fresh.size());
        List<ProcessedEvents.ProcessedEvent> done = new ArrayList<>(fresh.size());
        Map<String, Integer> publishedByType = new HashMap<>();
        int suppressed = 0;
        for (int i = 0; i < fresh.size(); i++) {
            CrmInboundEvent event = fresh.get(i);
            String id = freshIds.get(i);
            done.add(new ProcessedEvents.ProcessedEvent(id, event.attributes()));
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
            }
            canonical.add(new ProducerRecord<>(Topics.CRM_CONTACTS, contactId,
                    contactEvents.writeValueAsBytes(contactEvent)));
            publishedByType.merge(event.attributes().type(), 1, Integer::sum);
        }

        erasedContacts.record(tombstones);
        long prepared = System.nanoTime();
        KafkaSends sends = publishing.open();
        canonical.forEach(sends::send);
        deadLetters.forEach(deadLetter -> sends.send(deadLetter.toProducerRecord()));
        sends.awaitAcknowledged();
        long sent = System.nanoTime();
        processed.markProcessed(done);
        if (log.isDebugEnabled()) {
            log.debug("Batch of {}: read {} ms, dedupe lookup {} ms, erasure and mapping {} ms, publish {} ms, "
                    + "record processed {} ms", records.size(), (read - started) / 1_000_000,
                    (looked - read) / 1_000_000, (prepared - looked) / 1_000_000, (sent - prepared) / 1_000_000,
                    (System.nanoTime() - sent) / 1_000_000);
        }

        publishedByType.forEach(metrics::published);
        duplicatesByType.forEach(metrics::duplicate);
        for (DeadLetter deadLetter : deadLetters) {
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
            return new DeadLetter(record, "invalid", null, tombstone.getMessage(), tombstone, 1);
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= properties.readAttempts(); attempt++) {
            try {
                return reader.readKafkaRecord(record.value(), record.headersAsText());
            } catch (InvalidCrmEventException e) {
                return new DeadLetter(record, "invalid", e.field(), e.getMessage(), e, attempt);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        return new DeadLetter(record, "unreadable", null, String.valueOf(last.getMessage()), last,
                properties.readAttempts());
    }

    /** An erased contact's ticket keeps flowing (survey-service records why it is not surveyed), its subject not. */
    private static CrmContactEvent withoutPersonalData(CrmContactEvent event) {
        if (event instanceof TicketClosed t) {
            return new TicketClosed(t.eventId(), t.occurredAt(), t.contactId(), t.correlationId(), t.source(),
                    t.sourceEventId(), t.ticketId(), t.closedAt(), t.ticketType(), t.technicianId(), null);
        }
        return event;
    }

    /** What became of one batch. */
    public record BatchOutcome(int records, int published, int duplicates, int unknownTypes, int deadLettered,
            int suppressed) {
    }
}
