package io.pulseloop.survey.invitations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.pulseloop.events.crm.DealLost;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.survey.policy.TriggerFacts;

/**
 * Something that may lead to an invitation: a canonical CRM event, or a contact's turn in a relationship wave.
 *
 * @param eventType  {@code crm.ticket.closed}, {@code crm.deal.won}, {@code crm.deal.lost} or {@code schedule.wave}
 * @param happenedAt when it happened in the CRM; the survey's delay counts from here
 * @param subjectKey what the trigger is about, for one contact (the ticket, the deal, the wave): the same subject
 *                   never yields a second invitation of a survey
 * @param ownerId    the deal's owner, used when the contact has no owner of its own
 * @param notBefore  for a wave: the contact's place in the spread, before which the send is not due
 */
public record Trigger(
        String eventId,
        String eventType,
        String contactId,
        String correlationId,
        Instant happenedAt,
        String subjectKey,
        String ticketId,
        String ticketType,
        String technicianId,
        String dealId,
        String product,
        BigDecimal amount,
        String currency,
        String ownerId,
        Instant notBefore) {

    public static Trigger of(TicketClosed event) {
        return new Trigger(event.eventId(), "crm.ticket.closed", event.contactId(), correlation(event.correlationId(),
                event.eventId()), first(event.closedAt(), event.occurredAt()),
                "ticket:" + first(event.ticketId(), event.eventId()) + "|contact:" + event.contactId(),
                event.ticketId(), event.ticketType(), event.technicianId(), null, null, null, null, null, null);
    }

    public static Trigger of(DealWon event) {
        return new Trigger(event.eventId(), "crm.deal.won", event.contactId(), correlation(event.correlationId(),
                event.eventId()), first(event.closedAt(), event.occurredAt()),
                "deal-won:" + first(event.dealId(), event.eventId()) + "|contact:" + event.contactId(), null, null,
                null, event.dealId(), event.product(), event.amount(), event.currency(), event.ownerId(), null);
    }

    public static Trigger of(DealLost event) {
        return new Trigger(event.eventId(), "crm.deal.lost", event.contactId(), correlation(event.correlationId(),
                event.eventId()), first(event.closedAt(), event.occurredAt()),
                "deal-lost:" + first(event.dealId(), event.eventId()) + "|contact:" + event.contactId(), null, null,
                null, event.dealId(), null, null, null, event.ownerId(), null);
    }

    /** A contact's place in wave {@code wave} of a scheduled survey, due at {@code at}. */
    public static Trigger wave(String surveyId, long wave, String contactId, Instant at) {
        String eventId = "wave:" + surveyId + ":" + wave + ":" + contactId;
        return new Trigger(eventId, "schedule.wave", contactId, eventId, null, "wave:" + wave + "|contact:" + contactId,
                null, null, null, null, null, null, null, null, at);
    }

    /** What the policy may filter on and sample by. */
    public TriggerFacts facts() {
        Map<String, String> attributes = new HashMap<>();
        if (ticketType != null) {
            attributes.put("ticketType", ticketType);
        }
        if (product != null) {
            attributes.put("product", product);
        }
        return new TriggerFacts(eventType, subjectKey, happenedAt, attributes, notBefore);
    }

    private static String correlation(String correlationId, String eventId) {
        return (correlationId == null || correlationId.isBlank()) ? eventId : correlationId;
    }

    private static <T> T first(T value, T fallback) {
        return (value != null) ? value : fallback;
    }
}
