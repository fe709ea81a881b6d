package io.pulseloop.testsupport.infrastructure;

import java.util.Objects;

/**
 * Where the shared test infrastructure of this JVM listens.
 *
 * @param mode what runs: in-JVM servers or containers
 * @param kafkaBootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param mongoConnectionString the MongoDB connection string without a database, e.g. {@code mongodb://127.0.0.1:40123}
 */
public record Infrastructure(InfrastructureMode mode, String kafkaBootstrapServers, String mongoConnectionString) {

    public Infrastructure {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(mongoConnectionString, "mongoConnectionString");
    }

    /**
     * The MongoDB connection string that selects the given database, e.g.
     * {@code mongodb://127.0.0.1:40123/test-1a2b3c}; query options of the base string are kept.
     *
     * @param database a MongoDB database name; must not be blank
     * @return the connection string with the database as its path
     * @throws IllegalArgumentException if the database name is blank
     */
    public String mongoConnectionString(String database) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        int query = this.mongoConnectionString.indexOf('?');
        String hosts = (query < 0) ? this.mongoConnectionString : this.mongoConnectionString.substring(0, query);
        String options = (query < 0) ? "" : this.mongoConnectionString.substring(query);
        String base = hosts.endsWith("/") ? hosts.substring(0, hosts.length() - 1) : hosts;
        return base + "/" + database + options;
    }
}
