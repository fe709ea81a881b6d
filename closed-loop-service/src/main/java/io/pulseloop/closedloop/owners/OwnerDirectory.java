package io.pulseloop.closedloop.owners;

import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.pulseloop.events.crm.OwnerUpserted;

/** Who owns which contacts' follow-up, and whom they report to. */
@Component
public class OwnerDirectory {

    private final MongoTemplate mongo;
    private final OwnerRepository owners;
    private final ApplicationEventPublisher events;

    OwnerDirectory(MongoTemplate mongo, OwnerRepository owners, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.owners = owners;
        this.events = events;
    }

    /**
     * Records the owner unless a newer version is already known. Idempotent: replaying the same event, or an
     * older one, leaves the directory as it is.
     */
    public void record(OwnerUpserted event) {
        Owner owner = new Owner(event.ownerId(), event.email(), event.name(), event.managerId(), event.team(),
                event.occurredAt());
        Query notNewer = Query.query(Criteria.where("_id").is(event.ownerId())
                .orOperator(Criteria.where("updatedAt").lte(event.occurredAt()), Criteria.where("updatedAt").exists(false)));
        if (owners.existsById(event.ownerId())) {
            mongo.findAndReplace(notNewer, owner);
        } else {
            mongo.findAndReplace(Query.query(Criteria.where("_id").is(event.ownerId())), owner,
                    FindAndReplaceOptions.options().upsert());
        }
        if (event.email() != null) {
            events.publishEvent(new OwnerKnown(event.ownerId()));
        }
    }

    /** Whether {@code crm.owners.v1} has described this owner yet. */
    public boolean isKnown(String ownerId) {
        return owners.existsById(ownerId);
    }

    public Optional<String> managerOf(String ownerId) {
        return owners.findById(ownerId).map(Owner::managerId);
    }

    /** The owners whose manager is {@code managerId} (a scan of a small collection). */
    public List<String> teamOf(String managerId) {
        return mongo.find(Query.query(Criteria.where("managerId").is(managerId)), Owner.class).stream()
                .map(Owner::ownerId).toList();
    }

    /** Every manager some owner reports to. */
    public List<String> managers() {
        return mongo.findDistinct(new Query(), "managerId", Owner.class, String.class).stream()
                .filter(java.util.Objects::nonNull).toList();
    }

    /** The owner's display name, if the CRM gave one. */
    public Optional<String> nameOf(String ownerId) {
        return owners.findById(ownerId).map(Owner::name);
    }

    public Optional<String> emailOf(String ownerId) {
        return owners.findById(ownerId).map(Owner::email);
    }
}
