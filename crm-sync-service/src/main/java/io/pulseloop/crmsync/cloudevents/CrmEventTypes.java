package io.pulseloop.crmsync.cloudevents;

import java.util.List;

/** The CloudEvent {@code type}s of contract §2.1. */
public final class CrmEventTypes {

    public static final String CONTACT_UPSERTED = "crm.contact.upserted";
    public static final String OWNER_UPSERTED = "crm.owner.upserted";
    public static final String TICKET_CLOSED = "crm.ticket.closed";
    public static final String DEAL_WON = "crm.deal.won";
    public static final String DEAL_LOST = "crm.deal.lost";
    public static final String CONTACT_ERASED = "crm.contact.erased";

    public static final List<String> ALL =
            List.of(CONTACT_UPSERTED, OWNER_UPSERTED, TICKET_CLOSED, DEAL_WON, DEAL_LOST, CONTACT_ERASED);

    private CrmEventTypes() {
    }
}
