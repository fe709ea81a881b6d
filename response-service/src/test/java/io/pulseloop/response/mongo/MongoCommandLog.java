package io.pulseloop.response.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;

/**
 * Records the filters of the commands a MongoDB client sends, so a test can pin that a hot path asks for
 * documents by {@code _id} only: the embedded MongoDB server answers exactly {@code {_id: …}} (or a filter whose
 * keys are exactly those of a unique index) from an index and scans the whole collection for anything else.
 * (A small stand-in until test-support offers a shared recorder.)
 */
public final class MongoCommandLog implements CommandListener, AutoCloseable {

    /** One command's name and one filter of it ({@code find.filter}, {@code update.updates[].q}, ...). */
    public record Filter(String command, BsonDocument filter) {

        public Set<String> keys() {
            return filter.keySet();
        }
    }

    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private final MongoClient client;
    private final MongoTemplate template;

    /** A client of the shared test infrastructure's MongoDB, on a database of its own, that logs to this. */
    public MongoCommandLog(String database) {
        String uri = SharedInfrastructure.get().mongoConnectionString(database);
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri)).addCommandListener(this).build());
        this.template = new MongoTemplate(client, database);
    }

    public MongoTemplate template() {
        return template;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        switch (event.getCommandName()) {
            case "find", "count" -> add(event.getCommandName(), command.get("filter"));
            case "findAndModify" -> add("findAndModify", command.get("query"));
            case "update", "delete" -> {
                String list = event.getCommandName().equals("update") ? "updates" : "deletes";
                if (command.containsKey(list)) {
                    command.getArray(list).forEach(entry -> add(event.getCommandName(),
                            entry.asDocument().get("q")));
                }
            }
            default -> {
                // inserts and administrative commands have no filter
            }
        }
    }

    private void add(String command, BsonValue filter) {
        filters.add(new Filter(command, filter == null ? new BsonDocument() : filter.asDocument().clone()));
    }

    /** The filters recorded since the last {@link #clear()}. */
    public List<Filter> filters() {
        return new ArrayList<>(filters);
    }

    public void clear() {
        filters.clear();
    }

    @Override
    public void close() {
        client.getDatabase(template.getDb().getName()).drop();
        client.close();
    }
}
