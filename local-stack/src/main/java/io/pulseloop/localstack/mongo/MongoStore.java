package io.pulseloop.localstack.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB wire protocol on {@code localhost:27017} over an H2 MVStore file, or in memory only. Answers {@code _id}
 * lookups from its index and scans collections for other filters; has no transactions and no TTL expiry (see
 * STACK-NOTES.md).
 *
 * <p>The H2 backend stores every document with Java serialization: measured under the benchmark's load, 76 % of the
 * infrastructure JVM's CPU went to H2's MVStore and its garbage, which made the database the bottleneck of the whole
 * platform on a laptop. In memory is therefore what the benchmarks run; on-disk stays the local mode's default because
 * a newcomer's data should survive a restart.
 *
 * <p>In memory, the store also counts the queries it answers by scanning a collection ({@link CollectionScans}) and
 * logs them every {@link #SCAN_REPORT_INTERVAL}, so that a slow benchmark phase names the collection and filter that
 * cost it.
 */
public final class MongoStore implements AutoCloseable {

    public static final int PORT = 27017;

    static final Duration SCAN_REPORT_INTERVAL = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);

    private final MongoServer server;
    private final CollectionScans scans;
    private final ScheduledExecutorService reporter;

    private MongoStore(MongoServer server, CollectionScans scans, ScheduledExecutorService reporter) {
        this.server = server;
        this.scans = scans;
        this.reporter = reporter;
    }

    /** Opens (or creates) {@code file} and listens on the loopback interface. */
    public static MongoStore start(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new MongoStore(listen(new H2Backend(file.toString())), null, null);
    }

    /** Keeps everything in memory (lost when it stops) and listens on the loopback interface. */
    public static MongoStore inMemory() {
        CollectionScans scans = new CollectionScans();
        MongoServer server = listen(new LocalMemoryBackend(scans));
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mongo-scan-report");
            thread.setDaemon(true);
            return thread;
        });
        long period = SCAN_REPORT_INTERVAL.toMillis();
        reporter.scheduleAtFixedRate(() -> report(scans.drain()), period, period, TimeUnit.MILLISECONDS);
        return new MongoStore(server, scans, reporter);
    }

    private static MongoServer listen(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("localhost", PORT));
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return server;
    }

    private static void report(List<CollectionScans.Scan> scans) {
        if (scans.isEmpty()) {
            return;
        }
        log.info("MongoDB collection scans in the last {} s (filters that no index of this server answers, and "
                + "reads of " + LocalMemoryBackend.WIDE_INDEX_READ + " or more documents through one):{}", SCAN_REPORT_INTERVAL.toSeconds(), scans.stream().limit(8)
                .map(scan -> String.format("%n  %,d × %s %s, %,d documents read", scan.scans(), scan.collection(),
                        scan.filter(), scan.documents()))
                .collect(Collectors.joining()));
    }

    /** Stops listening and closes the store, which commits and writes the file. */
    @Override
    public void close() {
        if (reporter != null) {
            reporter.shutdownNow();
            report(scans.drain());
        }
        server.shutdown();
    }
}
