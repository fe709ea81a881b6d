package io.pulseloop.crmsync.registry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

/** An owner (account manager, salesperson) as the CRM last described them (staff API). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerView(String ownerId, String email, String name, String managerId, String team, Instant updatedAt) {

    static OwnerView of(Document d) {
        return new OwnerView(d.getString("_id"), d.getString("email"), d.getString("name"), d.getString("managerId"),
                d.getString("team"), ContactView.instant(d.getDate("updatedAt")));
    }
}
