package io.pulseloop.localstack.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB wire protocol on {@code localhost:27017} over an H2 MVStore file, or in memory only. Answers {@code _id}
 * lookups from its index and scans collections for other filters; has no transactions and no TTL expiry (see
 * STACK-NOTES.md).
 *
 * <p>The H2 backend stores every document with Java serialization: measured under the benchmark's load, 76 % of the
 * infrastructure JVM's CPU went to H2's MVStore and its garbage, which made the database the bottleneck of the whole
 * platform on a laptop. In memory is therefore what the benchmarks run; on-disk stays the local mode's default because
 * a newcomer's data should survive a restart.
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
        return listen(new H2Backend(file.toString()));
    }

    /** Keeps everything in memory (lost when it stops) and listens on the loopback interface. */
    public static MongoStore inMemory() {
        return listen(new MemoryBackend());
    }

    private static MongoStore listen(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
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
