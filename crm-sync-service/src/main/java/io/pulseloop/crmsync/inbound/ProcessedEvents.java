package io.pulseloop.crmsync.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.pulseloop.events.crm.inbound.CloudEventAttributes;

/**
 * The durable record of every CRM event claimed for turning into a canonical event, keyed by its canonical event id
 * (a name-based UUID of the CloudEvent's {@code source} and {@code id}) as {@code _id}.
 *
 * <p>De-duplication is atomic (issue 11 #5): before publishing, the pipeline <em>claims</em> each event with an
 * insert keyed by that {@code _id}; the unique {@code _id} lets exactly one claim win, and every other copy — in
 * another batch, on another partition, or on another replica at the same moment — loses with a duplicate key and
 * stands down. A claim names the record that made it ({@code claimedBy}: {@code topic-partition@offset}); when that
 * same record comes again (a crash after claiming, before its offset was committed), it owns the claim and
 * publishes again — the same canonical event id, which every consumer dedupes — so a crash never loses an event.
 * Every query here is an {@code _id} lookup or insert, which the embedded MongoDB server answers from its index.
 */
@Component
public class ProcessedEvents {

    static final String COLLECTION = "processed_crm_events";
    private static final String CLAIMED_BY = "claimedBy";

    private final MongoTemplate mongo;
    private final Clock clock;

    ProcessedEvents(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Which of these canonical event ids were claimed before. One {@code _id} query, whatever the number of ids. */
    public Set<String> alreadyProcessed(Collection<String> canonicalEventIds) {
        Set<String> found = new HashSet<>();
        if (canonicalEventIds.isEmpty()) {
            return found;
        }
        collection().find(Filters.in("_id", canonicalEventIds)).projection(Projections.include("_id"))
                .forEach(document -> found.add(document.getString("_id")));
        return found;
    }

    /**
     * Claims events for publishing, in one unordered insert. Ids must be distinct (the caller dedupes within a
     * batch first).
     *
     * @return the canonical ids this caller owns: claimed now, or claimed earlier by the very same record; the others
     *         were claimed by another copy of the event and must not be published again
     */
    public Set<String> claim(Collection<Claim> claims) {
        Set<String> owned = new HashSet<>();
        if (claims.isEmpty()) {
            return owned;
        }
        Date now = Date.from(clock.instant());
        List<Claim> ordered = new ArrayList<>(claims);
        List<Document> documents = new ArrayList<>(ordered.size());
        for (Claim claim : ordered) {
            documents.add(new Document("_id", claim.canonicalEventId())
                    .append("source", claim.attributes().source())
                    .append("sourceEventId", claim.attributes().id())
                    .append("type", claim.attributes().type())
                    .append(CLAIMED_BY, claim.claimedBy())
                    .append("processedAt", now));
            owned.add(claim.canonicalEventId());
        }
        try {
            collection().insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            Map<String, String> lost = new HashMap<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Claim claim = ordered.get(error.getIndex());
                lost.put(claim.canonicalEventId(), claim.claimedBy());
            }
            owned.removeAll(lost.keySet());
            // a claim made earlier by this very record (redelivered after a crash) is still ours
            collection().find(Filters.in("_id", lost.keySet())).projection(Projections.include(CLAIMED_BY))
                    .forEach(document -> {
                        String id = document.getString("_id");
                        if (lost.get(id).equals(document.getString(CLAIMED_BY))) {
                            owned.add(id);
                        }
                    });
        }
        return owned;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /**
     * An event to claim: its canonical id, where it came from, and the record that claims it.
     *
     * @param claimedBy the claiming record, {@code topic-partition@offset}: unique per record, stable across
     *                  redeliveries of that record
     */
    public record Claim(String canonicalEventId, CloudEventAttributes attributes, String claimedBy) {
    }
}
