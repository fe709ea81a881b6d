package io.pulseloop.crmsync.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.DealLost;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.crm.inbound.CloudEventAttributes;
import io.pulseloop.events.crm.inbound.CrmInboundEvent;

class CrmCloudEventReaderTests {

    private final CrmCloudEventReader reader = new CrmCloudEventReader();

    @Test
    void readsStructuredContactUpsertWithEveryField() {
        CrmInboundEvent event = reader.readStructured(bytes("""
                {"specversion":"1.0","id":"evt-1","source":"crm://acme-hubspot","type":"crm.contact.upserted",
                 "time":"2026-11-20T10:15:00+01:00","datacontenttype":"application/json",
                 "data":{"contactId":"c-42","email":"jana@example.cz","firstName":"Jana","lastName":"Nováková",
                         "accountId":"a-1","accountName":"Acme CZ","accountTier":"key","region":"CEE",
                         "branch":"Brno","ownerId":"o-7","locale":"cs","timeZone":"Europe/Prague",
                         "customerStatus":"customer","consent":{"surveys":true,"marketing":false},
                         "doNotContact":false}}
                """));

        assertThat(event.key()).isEqualTo("c-42");
        assertThat(event.attributes().time()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
        assertThat(event).asInstanceOf(type(CrmInboundEvent.ForContact.class))
                .extracting(CrmInboundEvent.ForContact::event)
                .asInstanceOf(type(ContactUpserted.class))
                .satisfies(contact -> {
                    assertThat(contact.email()).isEqualTo("jana@example.cz");
                    assertThat(contact.lastName()).isEqualTo("Nováková");
                    assertThat(contact.accountTier()).isEqualTo(AccountTier.KEY);
                    assertThat(contact.customerStatus()).isEqualTo(CustomerStatus.CUSTOMER);
                    assertThat(contact.timeZone()).isEqualTo("Europe/Prague");
                    assertThat(contact.locale()).isEqualTo("cs");
                    assertThat(contact.consent().surveys()).isTrue();
                    assertThat(contact.consent().marketing()).isFalse();
                    assertThat(contact.doNotContact()).isFalse();
                    assertThat(contact.source()).isEqualTo("crm://acme-hubspot");
                    assertThat(contact.sourceEventId()).isEqualTo("evt-1");
                    assertThat(contact.occurredAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
                });
    }

    @Test
    void readsTicketDealsAndErasure() {
        assertThat(contactEvent(envelope("crm.ticket.closed",
                "{\"ticketId\":\"t-1\",\"contactId\":\"c-1\",\"closedAt\":\"2026-11-20T08:00:00Z\","
                        + "\"ticketType\":\"repair\",\"technicianId\":\"tech-3\",\"subject\":\"Broken\"}")))
                .isEqualTo(new TicketClosed(idOf("e"), Instant.parse("2026-11-20T09:00:00Z"), "c-1", idOf("e"),
                        "crm://test", "e", "t-1", Instant.parse("2026-11-20T08:00:00Z"), "repair", "tech-3",
                        "Broken"));
        assertThat(contactEvent(envelope("crm.deal.won",
                "{\"dealId\":\"d-1\",\"contactId\":\"c-1\",\"closedAt\":\"2026-11-20T08:00:00Z\","
                        + "\"amount\":1200.50,\"currency\":\"CZK\",\"product\":\"fiber\",\"ownerId\":\"o-1\"}")))
                .asInstanceOf(type(DealWon.class))
                .satisfies(deal -> assertThat(deal.amount()).isEqualByComparingTo(new BigDecimal("1200.50")));
        assertThat(contactEvent(envelope("crm.deal.lost",
                "{\"dealId\":\"d-2\",\"contactId\":\"c-1\",\"closedAt\":\"2026-11-20T08:00:00Z\","
                        + "\"lossReason\":\"price\"}")))
                .asInstanceOf(type(DealLost.class))
                .extracting(DealLost::lossReason).isEqualTo("price");
        assertThat(contactEvent(envelope("crm.contact.erased", "{\"contactId\":\"c-1\"}")))
                .isInstanceOf(ContactErased.class);
    }

    @Test
    void readsOwnersKeyedByOwnerId() {
        CrmInboundEvent event = reader.readStructured(bytes(envelope("crm.owner.upserted",
                "{\"ownerId\":\"o-7\",\"email\":\"petr@acme.cz\",\"name\":\"Petr\",\"managerId\":\"o-1\"}")));

        assertThat(event).isInstanceOf(CrmInboundEvent.ForOwner.class);
        assertThat(event.key()).isEqualTo("o-7");
        assertThat(((CrmInboundEvent.ForOwner) event).event().managerId()).isEqualTo("o-1");
    }

    @Test
    void readsBinaryModeFromKafkaHeaders() {
        CrmInboundEvent event = reader.readKafkaRecord(
                bytes("{\"ticketId\":\"t-9\",\"contactId\":\"c-9\",\"closedAt\":\"2026-11-20T08:00:00Z\"}"),
                Map.of("ce_specversion", "1.0", "ce_id", "b-1", "ce_source", "crm://acme", "ce_type",
                        "crm.ticket.closed", "ce_time", "2026-11-20T09:00:00Z", "content-type", "application/json"));

        assertThat(event.key()).isEqualTo("c-9");
        assertThat(event.attributes().id()).isEqualTo("b-1");
    }

    @Test
    void namesTheMissingBinaryModeHeader() {
        assertThatThrownBy(() -> reader.readKafkaRecord(bytes("{}"),
                Map.of("ce_specversion", "1.0", "ce_id", "b-1", "ce_type", "crm.ticket.closed",
                        "ce_time", "2026-11-20T09:00:00Z")))
                .isInstanceOf(InvalidCrmEventException.class)
                .extracting("field").isEqualTo("ce_source");
    }

    @Test
    void readsStructuredModeFromKafkaWithoutHeaders() {
        CrmInboundEvent event = reader.readKafkaRecord(bytes(envelope("crm.contact.erased",
                "{\"contactId\":\"c-5\"}")), Map.of());

        assertThat(event.key()).isEqualTo("c-5");
    }

    @Test
    void skipsUnknownTypesWithoutReadingTheirData() {
        CrmInboundEvent event = reader.readStructured(bytes(envelope("crm.invoice.paid", "\"not even an object\"")));

        assertThat(event).isInstanceOf(CrmInboundEvent.OfUnknownType.class);
        assertThat(event.attributes().type()).isEqualTo("crm.invoice.paid");
    }

    @Test
    void givesTheSameCanonicalIdForARedeliveredEvent() {
        CrmInboundEvent first = reader.readStructured(bytes(envelope("crm.contact.erased", "{\"contactId\":\"c\"}")));
        CrmInboundEvent again = reader.readStructured(bytes(envelope("crm.contact.erased", "{\"contactId\":\"c\"}")));

        assertThat(((CrmInboundEvent.ForContact) first).event().eventId())
                .isEqualTo(((CrmInboundEvent.ForContact) again).event().eventId())
                .isEqualTo(idOf("e"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"id":"e","source":"s","type":"crm.contact.erased","time":"2026-11-20T09:00:00Z","data":{"contactId":"c"}} | specversion | is required
            {"specversion":"0.3","id":"e","source":"s","type":"crm.contact.erased","time":"2026-11-20T09:00:00Z","data":{"contactId":"c"}} | specversion | must be "1.0"
            {"specversion":"1.0","source":"s","type":"crm.contact.erased","time":"2026-11-20T09:00:00Z","data":{"contactId":"c"}} | id | is required
            {"specversion":"1.0","id":"e","type":"crm.contact.erased","time":"2026-11-20T09:00:00Z","data":{"contactId":"c"}} | source | is required
            {"specversion":"1.0","id":"e","source":"s","time":"2026-11-20T09:00:00Z","data":{"contactId":"c"}} | type | is required
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.erased","data":{"contactId":"c"}} | time | is required
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.erased","time":"yesterday","data":{"contactId":"c"}} | time | must be an RFC 3339 date-time, e.g. 2026-11-22T09:30:00Z
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.erased","time":"2026-11-20T09:00:00Z"} | data | is required
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.erased","time":"2026-11-20T09:00:00Z","data":[1]} | data | must be a JSON object
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.erased","time":"2026-11-20T09:00:00Z","data":{}} | data.contactId | is required
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.upserted","time":"2026-11-20T09:00:00Z","data":{"contactId":"c"}} | data.email | is required
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.upserted","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","email":"nope"}} | data.email | must be an email address
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.upserted","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","email":"a@b.cz","accountTier":"gold"}} | data.accountTier | must be one of key, standard
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.upserted","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","email":"a@b.cz","timeZone":"Mars/Olympus"}} | data.timeZone | must be an IANA time zone, e.g. Europe/Prague
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.upserted","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","email":"a@b.cz","consent":{"surveys":"yes"}}} | data.consent.surveys | must be true or false
            {"specversion":"1.0","id":"e","source":"s","type":"crm.contact.upserted","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","email":"a@b.cz","doNotContact":"no"}} | data.doNotContact | must be true or false
            {"specversion":"1.0","id":"e","source":"s","type":"crm.ticket.closed","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","closedAt":"2026-11-20T09:00:00Z"}} | data.ticketId | is required
            {"specversion":"1.0","id":"e","source":"s","type":"crm.ticket.closed","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","ticketId":"t"}} | data.closedAt | is required
            {"specversion":"1.0","id":"e","source":"s","type":"crm.deal.won","time":"2026-11-20T09:00:00Z","data":{"contactId":"c","dealId":"d","closedAt":"2026-11-20T09:00:00Z","amount":"lots"}} | data.amount | must be a number
            {"specversion":"1.0","id":"e","source":"s","type":"crm.owner.upserted","time":"2026-11-20T09:00:00Z","data":{"email":"o@acme.cz"}} | data.ownerId | is required
            """)
    void namesTheFieldThatIsMissingOrWrong(String json, String field, String reason) {
        assertThatThrownBy(() -> reader.readStructured(bytes(json)))
                .isInstanceOfSatisfying(InvalidCrmEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo(field + ": " + reason);
                });
    }

    @Test
    void rejectsBodiesThatAreNotJson() {
        assertThatThrownBy(() -> reader.readStructured(bytes("{\"specversion\":")))
                .isInstanceOfSatisfying(InvalidCrmEventException.class, e -> {
                    assertThat(e.field()).isNull();
                    assertThat(e.reason()).startsWith("not valid JSON");
                });
        assertThatThrownBy(() -> reader.readStructured(new byte[0]))
                .hasMessage("the body is empty");
    }

    @Test
    void readsBatchesAndNamesTheFailingElement() {
        String valid = envelope("crm.contact.erased", "{\"contactId\":\"c-1\"}");
        String invalid = envelope("crm.contact.erased", "{}");

        assertThat(reader.readBatch(bytes("[" + valid + "," + valid.replace("\"id\":\"e\"", "\"id\":\"f\"") + "]")))
                .extracting(CrmInboundEvent::key).containsExactly("c-1", "c-1");
        assertThatThrownBy(() -> reader.readBatch(bytes("[" + valid + "," + invalid + "]")))
                .isInstanceOf(InvalidCrmEventException.class)
                .extracting("field").isEqualTo("[1].data.contactId");
        assertThat(reader.readSingleOrBatch(bytes(valid))).hasSize(1);
    }

    @Test
    void readsDataBase64() {
        String data = java.util.Base64.getEncoder().encodeToString(bytes("{\"contactId\":\"c-64\"}"));
        CrmInboundEvent event = reader.readStructured(bytes(
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"crm.contact.erased\","
                        + "\"time\":\"2026-11-20T09:00:00Z\",\"data_base64\":\"" + data + "\"}"));

        assertThat(event.key()).isEqualTo("c-64");
    }

    private Object contactEvent(String json) {
        List<CrmInboundEvent> events = reader.readSingleOrBatch(bytes(json));
        return ((CrmInboundEvent.ForContact) events.get(0)).event();
    }

    private static String envelope(String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"crm://test\",\"type\":\"" + type
                + "\",\"time\":\"2026-11-20T09:00:00Z\",\"data\":" + data + "}";
    }

    private static String idOf(String id) {
        return CrmCloudEventReader.canonicalEventId(new CloudEventAttributes(id, "crm://test", null, null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
