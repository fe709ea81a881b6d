package io.pulseloop.survey.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.survey.messaging.InvalidEventException;

class CrmContactEventHandlerTests {

    @Test
    void readsACanonicalEvent() {
        String json = "{\"eventType\":\"TicketClosed\",\"eventId\":\"e-1\",\"contactId\":\"c-1\","
                + "\"ticketId\":\"T-1\",\"closedAt\":\"2026-11-22T10:00:00Z\",\"somethingNew\":1}";
        assertThat(CrmContactEventHandler.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TicketClosed.class);
    }

    @Test
    void skipsEventTypesItDoesNotKnow() {
        String json = "{\"eventType\":\"ContactMerged\",\"eventId\":\"e-1\",\"contactId\":\"c-1\"}";
        assertThat(CrmContactEventHandler.read(json.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void rejectsRecordsThatCanNeverBeProcessed() {
        assertThatThrownBy(() -> CrmContactEventHandler.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> CrmContactEventHandler.read(
                "{\"eventType\":\"TicketClosed\",\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("contactId");
        assertThatThrownBy(() -> CrmContactEventHandler.read("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("eventType");
    }
}
