package io.pulseloop.crmsync.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pulseloop.events.crm.Consent;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.DealLost;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.crm.inbound.CloudEventAttributes;
import io.pulseloop.events.crm.inbound.CrmInboundEvent;
import io.pulseloop.events.json.EventJson;

/**
 * Reads the CRM's CloudEvents 1.0 (contract §2.1) into canonical events.
 *
 * <p>Accepts JSON structured mode (the whole event as the value or body), Kafka binary mode ({@code ce_*}
 * headers with the {@code data} as the value) and batches (a JSON array of structured events). Requires
 * {@code specversion} "1.0", {@code id}, {@code source}, {@code type}, {@code time} (RFC 3339) and, for known
 * types, a {@code data} object with the fields §2.1 marks required. Anything else throws
 * {@link InvalidCrmEventException} naming the field. Unknown types come back as
 * {@link CrmInboundEvent.OfUnknownType} without their data being looked at.
 *
 * <p>The canonical event id is a name-based UUID of {@code source} and {@code id}, so a redelivered event
 * always yields the same canonical id. This reader is stateless and thread-safe.
 *
 * <p>The CloudEvents Java SDK is not used: its JSON format is built on Jackson 2, and its errors do not name
 * the field, which the contract asks for.
 */
public final class CrmCloudEventReader {

    /** The Kafka header prefix of binary mode ({@code ce_id}, {@code ce_source}, …). */
    public static final String KAFKA_HEADER_PREFIX = "ce_";
    private static final String SPEC_VERSION = "1.0";

    private final JsonMapper json = EventJson.mapper();

    /** Reads one structured-mode event. */
    public CrmInboundEvent readStructured(byte[] body) {
        return readEnvelope(parse(body));
    }

    /** Reads a batch: a JSON array of structured-mode events; field names are prefixed with {@code [i]}. */
    public List<CrmInboundEvent> readBatch(byte[] body) {
        JsonNode root = parse(body);
        if (!root.isArray()) {
            throw new InvalidCrmEventException(null, "a batch must be a JSON array of CloudEvents");
        }
        return readEach(root).stream().map(Read::event).toList();
    }

    /** Reads a single event or a batch, whichever the body holds. */
    public List<CrmInboundEvent> readSingleOrBatch(byte[] body) {
        return readSingleOrBatchWithJson(body).stream().map(Read::event).toList();
    }

    /**
     * Reads a single event or a batch, parsing the body once, and keeps each event's JSON, so a caller that forwards
     * the events needs no second parse (issue 10: the webhook parsed each body three times).
     */
    public List<Read> readSingleOrBatchWithJson(byte[] body) {
        JsonNode root = parse(body);
        if (root.isArray()) {
            return readEach(root);
        }
        return List.of(new Read(readEnvelope(root), root));
    }

    private List<Read> readEach(JsonNode array) {
        List<Read> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                events.add(new Read(readEnvelope(array.get(i)), array.get(i)));
            } catch (InvalidCrmEventException e) {
                throw e.within("[" + i + "]");
            }
        }
        return events;
    }

    /**
     * Reads a Kafka record value: binary mode when the headers carry {@code ce_specversion}, structured
     * mode otherwise.
     *
     * @param headers the record's headers as UTF-8 strings; may be empty
     */
    public CrmInboundEvent readKafkaRecord(byte[] value, Map<String, String> headers) {
        if (headers.containsKey(KAFKA_HEADER_PREFIX + "specversion")) {
            return readBinary(value, headers);
        }
        return readStructured(value);
    }

    private CrmInboundEvent readBinary(byte[] value, Map<String, String> headers) {
        String specVersion = headers.get(KAFKA_HEADER_PREFIX + "specversion");
        String id = headers.get(KAFKA_HEADER_PREFIX + "id");
        String source = headers.get(KAFKA_HEADER_PREFIX + "source");
        String type = headers.get(KAFKA_HEADER_PREFIX + "type");
        String time = headers.get(KAFKA_HEADER_PREFIX + "time");
        CloudEventAttributes attributes = attributes(specVersion, id, source, type, time, KAFKA_HEADER_PREFIX);
        if (!CrmEventTypes.ALL.contains(type)) {
            return new CrmInboundEvent.OfUnknownType(attributes);
        }
        JsonNode data = value == null || value.length == 0 ? null : parse(value);
        return readData(attributes, data);
    }

    private CrmInboundEvent readEnvelope(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidCrmEventException(null, "a CloudEvent must be a JSON object");
        }
        DataFields envelope = new DataFields(event, null);
        CloudEventAttributes attributes = attributes(envelope.text("specversion"), envelope.text("id"),
                envelope.text("source"), envelope.text("type"), envelope.text("time"), "");
        if (!CrmEventTypes.ALL.contains(attributes.type())) {
            return new CrmInboundEvent.OfUnknownType(attributes);
        }
        JsonNode data = event.get("data");
        if ((data == null || data.isNull()) && event.hasNonNull("data_base64")) {
            data = parseBase64Data(envelope.text("data_base64"));
        }
        return readData(attributes, data);
    }

    private CloudEventAttributes attributes(String specVersion, String id, String source, String type,
            String time, String prefix) {
        if (specVersion == null || specVersion.isBlank()) {
            throw new InvalidCrmEventException(prefix + "specversion", "is required");
        }
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new InvalidCrmEventException(prefix + "specversion", "must be \"1.0\"");
        }
        requireNonBlank(prefix + "id", id);
        requireNonBlank(prefix + "source", source);
        requireNonBlank(prefix + "type", type);
        requireNonBlank(prefix + "time", time);
        Instant parsedTime;
        try {
            parsedTime = java.time.OffsetDateTime.parse(time).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new InvalidCrmEventException(prefix + "time", "must be an RFC 3339 date-time, e.g. 2026-11-22T09:30:00Z");
        }
        return new CloudEventAttributes(id, source, type, parsedTime);
    }

    private CrmInboundEvent readData(CloudEventAttributes ce, JsonNode data) {
        if (data == null || data.isNull()) {
            throw new InvalidCrmEventException("data", "is required");
        }
        if (!data.isObject()) {
            throw new InvalidCrmEventException("data", "must be a JSON object");
        }
        DataFields d = new DataFields(data, "data");
        String eventId = canonicalEventId(ce);
        return switch (ce.type()) {
            case CrmEventTypes.OWNER_UPSERTED -> new CrmInboundEvent.ForOwner(ce, new OwnerUpserted(
                    eventId, ce.time(), eventId, ce.source(), ce.id(),
                    d.requiredText("ownerId"), d.requiredEmail("email"), d.text("name"), d.text("managerId"),
                    d.text("team")));
            default -> new CrmInboundEvent.ForContact(ce, contactEvent(ce, eventId, d));
        };
    }

    private CrmContactEvent contactEvent(CloudEventAttributes ce, String eventId, DataFields d) {
        return switch (ce.type()) {
            case CrmEventTypes.CONTACT_UPSERTED -> contactUpserted(ce, eventId, d);
            case CrmEventTypes.TICKET_CLOSED -> new TicketClosed(eventId, ce.time(), d.requiredText("contactId"),
                    eventId, ce.source(), ce.id(), d.requiredText("ticketId"), d.requiredTime("closedAt"),
                    d.text("ticketType"), d.text("technicianId"), d.text("subject"));
            case CrmEventTypes.DEAL_WON -> new DealWon(eventId, ce.time(), d.requiredText("contactId"), eventId,
                    ce.source(), ce.id(), d.requiredText("dealId"), d.requiredTime("closedAt"), d.decimal("amount"),
                    d.text("currency"), d.text("product"), d.text("ownerId"));
            case CrmEventTypes.DEAL_LOST -> new DealLost(eventId, ce.time(), d.requiredText("contactId"), eventId,
                    ce.source(), ce.id(), d.requiredText("dealId"), d.requiredTime("closedAt"),
                    d.text("lossReason"), d.text("ownerId"));
            case CrmEventTypes.CONTACT_ERASED -> new ContactErased(eventId, ce.time(), d.requiredText("contactId"),
                    eventId, ce.source(), ce.id());
            default -> throw new IllegalStateException("not a contact event type: " + ce.type());
        };
    }

    private ContactUpserted contactUpserted(CloudEventAttributes ce, String eventId, DataFields d) {
        DataFields consent = d.object("consent");
        return new ContactUpserted(eventId, ce.time(), d.requiredText("contactId"), eventId, ce.source(), ce.id(),
                d.requiredEmail("email"), d.text("firstName"), d.text("lastName"), d.text("accountId"),
                d.text("accountName"), d.enumValue("accountTier", AccountTier.class), d.text("region"),
                d.text("branch"), d.text("ownerId"), d.languageTag("locale"), d.zoneId("timeZone"),
                d.enumValue("customerStatus", CustomerStatus.class),
                consent == null ? null : new Consent(consent.bool("surveys"), consent.bool("marketing")),
                d.bool("doNotContact"));
    }

    /** The canonical event id of a CRM event: stable for the same {@code source} and {@code id}. */
    public static String canonicalEventId(CloudEventAttributes attributes) {
        String name = attributes.source() + "\n" + attributes.id();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidCrmEventException(null, "the body is empty");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidCrmEventException(null, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private JsonNode parseBase64Data(String base64) {
        try {
            return parse(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new InvalidCrmEventException("data_base64", "must be base64");
        } catch (InvalidCrmEventException e) {
            throw new InvalidCrmEventException("data_base64", e.reason());
        }
    }

    /** An event as read, with the JSON it was read from. */
    public record Read(CrmInboundEvent event, JsonNode json) {
    }

    private static void requireNonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidCrmEventException(field, "is required");
        }
    }
}
