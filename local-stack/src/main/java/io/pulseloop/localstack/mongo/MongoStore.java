package io.pulseloop.localstack.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB wire protocol on {@code localhost:27017} over an H2 MVStore file. Answers {@code _id} lookups from its
 * index and scans collections for other filters; has no transactions and no TTL expiry (see STACK-NOTES.md).
 */
public final class MongoStore implements AutoCloseable {

    public static final int PORT = 27017;

    private final MongoServer server;

    private MongoStore(MongoServer server) {
        this.server = server;
    }

    /** Opens (or creates) {@code file} and listens on the loopback interface. */
    public static MongoStore start(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        try {
            server.bind(new InetSocketAddress("localhost", PORT));
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new MongoStore(server);
    }

    /** Stops listening and closes the store, which commits and writes the file. */
    @Override
    public void close() {
        server.shutdown();
    }
}
