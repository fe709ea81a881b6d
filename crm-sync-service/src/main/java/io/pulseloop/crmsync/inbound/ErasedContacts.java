package io.pulseloop.crmsync.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Tombstones of contacts that exercised the right to erasure. Written before the {@code ContactErased} event is
 * published, so no later upsert of that contact can be published with personal data again; a tombstone holds
 * nothing but the contact id and when it was erased, and is never removed.
 */
@Component
public class ErasedContacts {

    static final String COLLECTION = "erased_contacts";

    private final MongoTemplate mongo;

    ErasedContacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Which of these contacts were erased. */
    public Set<String> erasedAmong(Collection<String> contactIds) {
        Set<String> erased = new HashSet<>();
        if (contactIds.isEmpty()) {
            return erased;
        }
        mongo.getCollection(COLLECTION).find(Filters.in("_id", contactIds))
                .forEach(document -> erased.add(document.getString("_id")));
        return erased;
    }

    /** Whether the contact was erased. */
    public boolean isErased(String contactId) {
        return !erasedAmong(List.of(contactId)).isEmpty();
    }

    /** Records tombstones; idempotent, the first erasure time is kept. */
    public void record(Collection<Tombstone> tombstones) {
        if (tombstones.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(tombstones.size());
        for (Tombstone tombstone : tombstones) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", tombstone.contactId()),
                    Updates.combine(Updates.setOnInsert("erasedAt", Date.from(tombstone.erasedAt())),
                            Updates.setOnInsert("eventId", tombstone.eventId())),
                    new UpdateOptions().upsert(true)));
        }
        mongo.getCollection(COLLECTION).bulkWrite(writes);
    }

    /** A contact erased at {@code erasedAt} by the canonical event {@code eventId}. */
    public record Tombstone(String contactId, Instant erasedAt, String eventId) {
    }
}
