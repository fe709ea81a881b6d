package io.pulseloop.survey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.Consent;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.crm.TicketClosed;

/** Canonical CRM events for tests, as crm-sync-service would publish them. */
public final class CrmEvents {

    private CrmEvents() {
    }

    /** A unique contact id for one test. */
    public static String newContactId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String emailOf(String contactId) {
        return contactId + "@customer.example.test";
    }

    /** An eligible customer in Prague speaking {@code locale}. */
    public static ContactUpserted contact(String contactId, String locale, Instant at) {
        return contact(contactId, locale, "Europe/Prague", true, false, CustomerStatus.CUSTOMER, "emea", at);
    }

    /** An eligible customer in Prague with the given address (several contacts may share a mailbox). */
    public static ContactUpserted contact(String contactId, String email, String locale, Instant at) {
        return contact(contactId, email, locale, "Europe/Prague", true, false, CustomerStatus.CUSTOMER, "emea", at);
    }

    public static ContactUpserted contact(String contactId, String locale, String timeZone, Boolean surveysConsent,
            Boolean doNotContact, CustomerStatus status, String region, Instant at) {
        return contact(contactId, emailOf(contactId), locale, timeZone, surveysConsent, doNotContact, status, region,
                at);
    }

    private static ContactUpserted contact(String contactId, String email, String locale, String timeZone,
            Boolean surveysConsent, Boolean doNotContact, CustomerStatus status, String region, Instant at) {
        return new ContactUpserted(UUID.randomUUID().toString(), at, contactId, UUID.randomUUID().toString(),
                "crm://test", "ce-" + UUID.randomUUID(), email, "Jana", "Nováková", "acc-" + contactId,
                "Acme s.r.o.", AccountTier.KEY, region, "brno", "owner-7", locale, timeZone, status,
                new Consent(surveysConsent, true), doNotContact);
    }

    public static TicketClosed ticketClosed(String contactId, String ticketId, Instant closedAt) {
        return ticketClosed(contactId, ticketId, UUID.randomUUID().toString(), closedAt, "incident");
    }

    public static TicketClosed ticketClosed(String contactId, String ticketId, String eventId, Instant closedAt,
            String ticketType) {
        return new TicketClosed(eventId, closedAt, contactId, "corr-" + eventId, "crm://test", "ce-" + eventId,
                ticketId, closedAt, ticketType, "tech-42", "Printer on fire");
    }

    public static DealWon dealWon(String contactId, String dealId, Instant closedAt) {
        String eventId = UUID.randomUUID().toString();
        return new DealWon(eventId, closedAt, contactId, "corr-" + eventId, "crm://test", "ce-" + eventId, dealId,
                closedAt, new BigDecimal("12500.00"), "CZK", "fleet-tracking", "owner-7");
    }

    public static ContactErased erased(String contactId, Instant at) {
        String eventId = UUID.randomUUID().toString();
        return new ContactErased(eventId, at, contactId, "corr-" + eventId, "crm://test", "ce-" + eventId);
    }
}
