package io.pulseloop.events.crm.inbound;

import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.OwnerUpserted;

/** A valid CloudEvent from the CRM, read into the canonical event it stands for. */
public sealed interface CrmInboundEvent {

    CloudEventAttributes attributes();

    /** The Kafka key the canonical event is published with: contact id, or owner id for owners. */
    String key();

    /** A contact's event ({@code crm.contact.*}, {@code crm.ticket.closed}, {@code crm.deal.*}). */
    record ForContact(CloudEventAttributes attributes, CrmContactEvent event) implements CrmInboundEvent {
        @Override
        public String key() {
            return event.contactId();
        }
    }

    /** An owner's event ({@code crm.owner.upserted}). */
    record ForOwner(CloudEventAttributes attributes, OwnerUpserted event) implements CrmInboundEvent {
        @Override
        public String key() {
            return event.ownerId();
        }
    }

    /** A well-formed CloudEvent of a type Pulseloop does not know: skipped and counted, not failed. */
    record OfUnknownType(CloudEventAttributes attributes) implements CrmInboundEvent {
        @Override
        public String key() {
            return null;
        }
    }
}
