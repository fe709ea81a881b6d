package io.pulseloop.crmsync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the filters of the commands the service sends to MongoDB, so a test can prove that a hot path issues only
 * {@code _id} lookups (issue 10): the embedded MongoDB server answers {@code {_id: v}} and {@code {_id: {$in: [...]}}}
 * from its index and scans the whole collection for any other filter. Inserts have no filter and are not recorded.
 */
public final class MongoQueries implements CommandListener {

    private static final Set<String> FILTERED = Set.of("find", "findAndModify", "findandmodify", "update", "delete",
            "count", "aggregate");

    private final List<Query> queries = new CopyOnWriteArrayList<>();

    /** One filtered command as sent. */
    public record Query(String command, String collection, BsonDocument filter) {

        /** {@code {_id: v}}, {@code {_id: {$eq: v}}} or {@code {_id: {$in: [...]}}}, and nothing else. */
        public boolean isIdLookup() {
            if (filter.size() != 1 || !filter.containsKey("_id")) {
                return false;
            }
            BsonValue id = filter.get("_id");
            if (!id.isDocument()) {
                return true;
            }
            BsonDocument condition = id.asDocument();
            return condition.size() == 1 && (condition.containsKey("$eq") || condition.containsKey("$in"))
                    || condition.keySet().stream().noneMatch(key -> key.startsWith("$"));
        }

        @Override
        public String toString() {
            return command + " " + collection + " " + filter.toJson();
        }
    }

    /** The queries on one collection recorded since the given mark. */
    public List<Query> since(int mark, String collection) {
        return new ArrayList<>(queries.subList(mark, queries.size())).stream()
                .filter(query -> query.collection().equals(collection)).toList();
    }

    /** A mark to pass to {@link #since}. */
    public int mark() {
        return queries.size();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        if (!FILTERED.contains(name)) {
            return;
        }
        BsonDocument command = event.getCommand();
        BsonValue target = command.get(name);
        String collection = target != null && target.isString() ? target.asString().getValue() : "";
        switch (name) {
            case "update", "delete" -> {
                String statements = "update".equals(name) ? "updates" : "deletes";
                if (command.isArray(statements)) {
                    command.getArray(statements).forEach(statement -> queries.add(new Query(name, collection,
                            filter(statement.asDocument(), "q"))));
                }
            }
            case "find" -> queries.add(new Query(name, collection, filter(command, "filter")));
            case "aggregate" -> queries.add(new Query(name, collection, new BsonDocument("$pipeline",
                    command.get("pipeline"))));
            default -> queries.add(new Query(name, collection, filter(command, "query")));
        }
    }

    private static BsonDocument filter(BsonDocument command, String field) {
        return command.isDocument(field) ? command.getDocument(field).clone() : new BsonDocument();
    }

    /** The recorder, registered with the context's MongoDB client. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Recording {

        @Bean
        MongoQueries mongoQueries() {
            return new MongoQueries();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer mongoQueriesListener(MongoQueries queries) {
            return settings -> settings.addCommandListener(queries);
        }
    }
}
