package io.pulseloop.crmsync.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.ObjectWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.pulseloop.crmsync.cloudevents.CrmCloudEventReader;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.crm.inbound.CrmInboundEvent;
import io.pulseloop.events.json.EventJson;

/**
 * crm-sync's CPU per CRM event that is parsing: a CloudEvent read into its canonical event with validation (what
 * {@code CrmInboundPipeline} does per record of {@code crm.inbound.v1}), the canonical event written as it goes to
 * {@code crm.contacts.v1}, and a webhook batch of 100. No broker, no MongoDB, no sealing (that is
 * {@code PersonalDataSealingJmh} in service-platform). Run with {@code -Pjmh} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CrmInboundParsingJmh {

    private static final int BATCH = 100;

    private final CrmCloudEventReader reader = new CrmCloudEventReader();
    /** As crm-sync writes canonical contact events. */
    private final ObjectWriter contactEvents = EventJson.mapper().writerFor(CrmContactEvent.class);

    private byte[] contactUpsert;
    private byte[] ticketClosed;
    private byte[] ticketClosedData;
    private Map<String, String> ticketClosedHeaders;
    private byte[] batch;
    private ContactUpserted contact;
    private TicketClosed ticket;

    @Setup
    public void setUp() {
        contactUpsert = bytes(contactUpsert(42));
        ticketClosed = bytes(ticketClosed(42));
        ticketClosedData = bytes(ticketData(42));
        ticketClosedHeaders = Map.of("ce_specversion", "1.0", "ce_id", "evt-t-42", "ce_source", "crm://acme-hubspot",
                "ce_type", "crm.ticket.closed", "ce_time", "2026-11-20T10:15:00+01:00",
                "content-type", "application/json");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            events.add(i % 2 == 0 ? contactUpsert(i) : ticketClosed(i));
        }
        batch = bytes("[" + String.join(",", events) + "]");
        contact = (ContactUpserted) ((CrmInboundEvent.ForContact) readStructuredContactUpsert()).event();
        ticket = (TicketClosed) ((CrmInboundEvent.ForContact) readStructuredTicketClosed()).event();
        if (readBinaryTicketClosed().key() == null || readWebhookBatchPerEvent().size() != BATCH) {
            throw new IllegalStateException("the sample events do not read");
        }
    }

    /** A full contact upsert in structured mode, as a Kafka record value without {@code ce_*} headers. */
    @Benchmark
    public CrmInboundEvent readStructuredContactUpsert() {
        return reader.readKafkaRecord(contactUpsert, Map.of());
    }

    @Benchmark
    public CrmInboundEvent readStructuredTicketClosed() {
        return reader.readKafkaRecord(ticketClosed, Map.of());
    }

    /** Binary mode: the attributes in {@code ce_*} headers, the value only the data. */
    @Benchmark
    public CrmInboundEvent readBinaryTicketClosed() {
        return reader.readKafkaRecord(ticketClosedData, ticketClosedHeaders);
    }

    /** A webhook body of 100 structured events (half contact upserts, half ticket closures); the figure is per event. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<CrmCloudEventReader.Read> readWebhookBatchPerEvent() {
        return reader.readSingleOrBatchWithJson(batch);
    }

    /** The canonical contact event as crm-sync publishes it (with its {@code eventType}). */
    @Benchmark
    public byte[] writeCanonicalContactUpserted() {
        return contactEvents.writeValueAsBytes(contact);
    }

    @Benchmark
    public byte[] writeCanonicalTicketClosed() {
        return contactEvents.writeValueAsBytes(ticket);
    }

    /** Read and write of one ticket closure: the parsing part of crm-sync's per-event work, end to end. */
    @Benchmark
    public byte[] readAndWriteTicketClosed() {
        CrmInboundEvent event = reader.readKafkaRecord(ticketClosed, Map.of());
        return contactEvents.writeValueAsBytes(((CrmInboundEvent.ForContact) event).event());
    }

    private static String contactUpsert(int i) {
        return """
                {"specversion":"1.0","id":"evt-c-%1$d","source":"crm://acme-hubspot","type":"crm.contact.upserted",
                 "time":"2026-11-20T10:15:00+01:00","datacontenttype":"application/json",
                 "data":{"contactId":"c-%1$d","email":"jana.novakova%1$d@example.cz","firstName":"Jana",
                         "lastName":"Nováková","accountId":"a-%1$d","accountName":"Acme CZ s.r.o.","accountTier":"key",
                         "region":"CEE","branch":"Brno","ownerId":"o-7","locale":"cs","timeZone":"Europe/Prague",
                         "customerStatus":"customer","consent":{"surveys":true,"marketing":false},
                         "doNotContact":false}}
                """.formatted(i);
    }

    private static String ticketClosed(int i) {
        return """
                {"specversion":"1.0","id":"evt-t-%1$d","source":"crm://acme-hubspot","type":"crm.ticket.closed",
                 "time":"2026-11-20T10:15:00+01:00","datacontenttype":"application/json","data":%2$s}
                """.formatted(i, ticketData(i));
    }

    private static String ticketData(int i) {
        return """
                {"ticketId":"t-%1$d","contactId":"c-%1$d","closedAt":"2026-11-20T09:14:00Z","ticketType":"repair",
                 "technicianId":"tech-3","subject":"Router restarts every evening"}""".formatted(i);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
