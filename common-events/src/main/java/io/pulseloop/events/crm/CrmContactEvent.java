package io.pulseloop.events.crm;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.pulseloop.events.PulseloopEvent;

/**
 * The events of topic {@code crm.contacts.v1}, keyed by contact id: everything a CRM tells about one contact,
 * in the order the CRM told it. {@code source} and {@code sourceEventId} are the CloudEvent's {@code source}
 * and {@code id}; {@code occurredAt} is its {@code time}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ContactUpserted.class, name = "ContactUpserted"),
    @JsonSubTypes.Type(value = TicketClosed.class, name = "TicketClosed"),
    @JsonSubTypes.Type(value = DealWon.class, name = "DealWon"),
    @JsonSubTypes.Type(value = DealLost.class, name = "DealLost"),
    @JsonSubTypes.Type(value = ContactErased.class, name = "ContactErased")
})
public sealed interface CrmContactEvent extends PulseloopEvent
        permits ContactUpserted, TicketClosed, DealWon, DealLost, ContactErased {

    String source();

    String sourceEventId();
}
