package io.pulseloop.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A Kafka broker in its own JVM (Apache Kafka's own KRaft server, one combined broker/controller node, as
 * local-stack's {@code KafkaBroker} runs it), so a test can stop it cleanly (SIGTERM: the server's shutdown flushes
 * its logs) or kill it (SIGKILL) and start it again on the same ports and data directory. Its output goes to
 * {@code <logs>/kafka-broker.log}.
 *
 * <p>{@link #main} is the broker process itself: {@code <port> <controller port> <data dir>}.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final int NODE_ID = 1;

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final Path log;
    private Process process;

    private BrokerProcess(int port, int controllerPort, Path dataDir, Path log) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts a broker on two free ports with a fresh data directory; returns once it answers clients. */
    static BrokerProcess start(Path logs) throws IOException {
        Files.createDirectories(logs);
        BrokerProcess broker = new BrokerProcess(ServiceProcess.freePort(), ServiceProcess.freePort(),
                Files.createTempDirectory("pulseloop-broker-"), logs.resolve("kafka-broker.log"));
        broker.launch();
        return broker;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** SIGTERM: the broker shuts down cleanly (its shutdown hook); waits until the process is gone. */
    void stop() {
        process.destroy();
        awaitExit("SIGTERM");
    }

    /** SIGKILL: no shutdown, unflushed pages lost to the process; waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit("SIGKILL");
    }

    /** Starts the broker again on the same ports and data directory; returns once it answers clients. */
    void restart() throws IOException {
        launch();
    }

    private void launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), BrokerProcess.class.getName(), String.valueOf(port),
                String.valueOf(controllerPort), dataDir.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long started = System.nanoTime();
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "90000");
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker did not answer within 90 s; see " + log, e);
        }
        LOG.info("Kafka broker on {} ready in {} ms (log {})", bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, log);
    }

    private void awaitExit(String signal) {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the broker did not exit within 60 s of " + signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the broker", e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit("SIGKILL");
        }
    }

    /** The broker process: {@code <port> <controller port> <data dir>}; stops cleanly on SIGTERM. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]);
        KafkaConfig config = KafkaConfig.fromProps(properties(port, controllerPort, dataDir), false);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                new Formatter().setPrintStream(print).setNodeId(NODE_ID).setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(dataDir.toString())).setMetadataLogDirectory(dataDir.toString())
                        .setControllerListenerName("CONTROLLER").setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).run();
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "broker-shutdown"));
        server.startup();
        server.awaitShutdown();
    }

    private static Properties properties(int port, int controllerPort, Path dataDir) {
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("background.threads", "2")));
        return properties;
    }
}
