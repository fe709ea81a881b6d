package io.pulseloop.platform.environment;

import com.mongodb.ConnectionString;

/** Which MongoDB database a service uses: the URI's, else the pinned one, else the service's default. */
public final class MongoDatabaseFromUri {

    private MongoDatabaseFromUri() {
    }

    /**
     * @param uri             {@code spring.mongodb.uri}, or {@code null}
     * @param pinned          {@code spring.mongodb.database}, or {@code null}
     * @param defaultDatabase {@code pulseloop.mongodb.default-database}, or {@code null}
     * @return the database to use, or {@code null} to leave Spring Boot's choice alone
     */
    public static String resolve(String uri, String pinned, String defaultDatabase) {
        String fromUri = databaseOf(uri);
        if (fromUri != null) {
            return fromUri;
        }
        if (pinned != null && !pinned.isBlank()) {
            return pinned;
        }
        return defaultDatabase == null || defaultDatabase.isBlank() ? null : defaultDatabase;
    }

    /** The database a MongoDB connection string names, or {@code null}. */
    static String databaseOf(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            String database = new ConnectionString(uri).getDatabase();
            return database == null || database.isBlank() ? null : database;
        } catch (IllegalArgumentException notAConnectionString) {
            return null;
        }
    }
}
