package io.pulseloop.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One combined broker/controller KRaft node: clients on {@code localhost:9092}, the controller on 9093, data under
 * the given directory. The directory is formatted once (a new cluster id) and reused by every later start, so topics,
 * records and consumer offsets survive a restart.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final KafkaRaftServer server;

    private KafkaBroker(KafkaRaftServer server) {
        this.server = server;
    }

    /** Formats {@code dataDir} if it holds no cluster yet, starts the node and waits until it answers clients. */
    public static KafkaBroker start(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        KafkaConfig config = KafkaConfig.fromProps(properties(dataDir), false);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(config, dataDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server);
        try {
            broker.awaitClients();
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    static Properties properties(Path dataDir) {
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@localhost:" + CONTROLLER_PORT),
                Map.entry("listeners", "PLAINTEXT://localhost:" + PORT + ",CONTROLLER://localhost:" + CONTROLLER_PORT),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + PORT),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                // one node: internal topics cannot ask for three replicas
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // consumers of a restarted service join at once instead of waiting 3 s for more members
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // a laptop, not a cluster: keep a week of records, small segments, few threads
                Map.entry("log.retention.hours", "168"),
                Map.entry("log.segment.bytes", String.valueOf(64 * 1024 * 1024)),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("background.threads", "2")));
        return properties;
    }

    private static void format(KafkaConfig config, Path dataDir) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    // the features a released broker enables by default; Feature.values() includes test-only ones
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        LOG.debug("Formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).strip());
    }

    private void awaitClients() throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + PORT);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }

    /** Stops the node, flushing its logs, and waits until it has stopped. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
