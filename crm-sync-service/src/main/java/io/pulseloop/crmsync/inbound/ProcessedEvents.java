package io.pulseloop.crmsync.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
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
 * The durable record of every CRM event already turned into a canonical event, keyed by its canonical event id
 * (a name-based UUID of the CloudEvent's {@code source} and {@code id}). The {@code _id} is the unique key, so the
 * record survives restarts and redeliveries and needs no cache; it is written only after the canonical event was
 * acknowledged by Kafka, so a crash in between republishes the same canonical event id instead of losing it.
 */
@Component
public class ProcessedEvents {

    static final String COLLECTION = "processed_crm_events";

    private final MongoTemplate mongo;
    private final Clock clock;

    ProcessedEvents(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Which of these canonical event ids were processed before. One query, whatever the number of ids. */
    public Set<String> alreadyProcessed(Collection<String> canonicalEventIds) {
        Set<String> found = new HashSet<>();
        if (canonicalEventIds.isEmpty()) {
            return found;
        }
        collection().find(Filters.in("_id", canonicalEventIds)).projection(Projections.include("_id"))
                .forEach(document -> found.add(document.getString("_id")));
        return found;
    }

    /** Records events as processed; ids recorded before (a concurrent or repeated delivery) are left as they are. */
    public void markProcessed(Collection<ProcessedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<Document> documents = new ArrayList<>(events.size());
        for (ProcessedEvent event : events) {
            documents.add(new Document("_id", event.canonicalEventId())
                    .append("source", event.attributes().source())
                    .append("sourceEventId", event.attributes().id())
                    .append("type", event.attributes().type())
                    .append("processedAt", now));
        }
        try {
            collection().insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /** An event to record: its canonical id and where it came from. */
    public record ProcessedEvent(String canonicalEventId, CloudEventAttributes attributes) {
    }
}
