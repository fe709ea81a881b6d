package io.pulseloop.crmsync.registry;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

/**
 * A contact as the registry knows it (staff API). After an erasure, {@code email}, {@code firstName} and
 * {@code lastName} are absent and {@code erased} is {@code true}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(String contactId, boolean erased, Instant erasedAt, String email, String firstName,
        String lastName, String accountId, String accountName, String accountTier, String region, String branch,
        String ownerId, String locale, String timeZone, String customerStatus, Consent consent, Boolean doNotContact,
        Instant updatedAt, List<DealView> deals) {

    /** What the contact agreed to; {@code null} means the CRM did not say. */
    public record Consent(Boolean surveys, Boolean marketing) {
    }

    static ContactView of(Document d, List<DealView> deals) {
        Document consent = d.get("consent", Document.class);
        return new ContactView(d.getString("_id"), d.getBoolean("erased", false), instant(d.getDate("erasedAt")),
                d.getString("email"), d.getString("firstName"), d.getString("lastName"), d.getString("accountId"),
                d.getString("accountName"), d.getString("accountTier"), d.getString("region"), d.getString("branch"),
                d.getString("ownerId"), d.getString("locale"), d.getString("timeZone"), d.getString("customerStatus"),
                consent == null ? null : new Consent(consent.getBoolean("surveys"), consent.getBoolean("marketing")),
                d.getBoolean("doNotContact"), instant(d.getDate("updatedAt")), deals);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
