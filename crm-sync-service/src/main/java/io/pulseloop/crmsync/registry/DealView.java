package io.pulseloop.crmsync.registry;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;
import org.bson.types.Decimal128;

/** A won or lost deal of a contact (staff API); lost deals keep their loss reason for win-back reports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealView(String dealId, String contactId, String outcome, Instant closedAt, String lossReason,
        String ownerId, BigDecimal amount, String currency, String product) {

    static DealView of(Document d) {
        Decimal128 amount = d.get("amount", Decimal128.class);
        return new DealView(d.getString("dealId"), d.getString("contactId"), d.getString("outcome"),
                ContactView.instant(d.getDate("closedAt")), d.getString("lossReason"), d.getString("ownerId"),
                amount == null ? null : amount.bigDecimalValue(), d.getString("currency"), d.getString("product"));
    }
}
