package io.pulseloop.response.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;

/**
 * A {@link MongoTemplate} on a database of its own on the shared test MongoDB, whose client reports every command
 * to a {@link MongoCommandRecorder}: for tests that pin the queries of a store class without a Spring context.
 */
public final class RecordedMongo implements AutoCloseable {

    private final MongoCommandRecorder recorder = new MongoCommandRecorder();
    private final MongoClient client;
    private final MongoTemplate template;

    public RecordedMongo(String database) {
        String uri = SharedInfrastructure.get().mongoConnectionString(database);
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri)).addCommandListener(recorder).build());
        this.template = new MongoTemplate(client, database);
    }

    public MongoTemplate template() {
        return template;
    }

    public MongoCommandRecorder recorder() {
        return recorder;
    }

    /** Drops the database and closes the client. */
    @Override
    public void close() {
        client.getDatabase(template.getDb().getName()).drop();
        client.close();
    }
}
