package io.pulseloop.testsupport.infrastructure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An in-JVM Kafka KRaft broker (one combined broker/controller node) and an in-JVM MongoDB wire-protocol server with
 * the memory backend, both on random loopback ports.
 */
final class EmbeddedInfrastructure implements RunningInfrastructure {

    /** Partitions of a topic created without an explicit count (auto-created or by broker default). */
    static final int DEFAULT_PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedKafkaKraftBroker kafka;

    private final MongoServer mongo;

    private final Infrastructure infrastructure;

    private EmbeddedInfrastructure(EmbeddedKafkaKraftBroker kafka, MongoServer mongo) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.infrastructure = new Infrastructure(InfrastructureMode.EMBEDDED, kafka.getBrokersAsString(),
                mongo.getConnectionString());
    }

    /**
     * Starts the broker and the MongoDB server; stops what already started if the other fails.
     *
     * @return the running servers
     */
    static EmbeddedInfrastructure start() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        // the broker publishes its address as a system property: not as spring.kafka.bootstrap-servers, which would
        // reach every application context of the JVM, only through RealInfrastructureInitializer
        kafka.brokerListProperty("pulseloop.test.embedded-kafka.bootstrap-servers");
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(DEFAULT_PARTITIONS),
                // a single broker: internal topics must not ask for three replicas
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "5",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "5"));
        kafka.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        try {
            mongo.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }
        catch (RuntimeException ex) {
            kafka.destroy();
            throw ex;
        }
        return new EmbeddedInfrastructure(kafka, mongo);
    }

    @Override
    public Infrastructure infrastructure() {
        return this.infrastructure;
    }

    @Override
    public String description() {
        InetSocketAddress mongoAddress = this.mongo.getLocalAddress();
        return "Kafka KRaft at " + this.infrastructure.kafkaBootstrapServers() + ", MongoDB wire server at "
                + mongoAddress.getHostString() + ":" + mongoAddress.getPort();
    }

    @Override
    public void close() {
        try {
            this.kafka.destroy();
        }
        catch (RuntimeException ex) {
            log.warn("Embedded Kafka broker did not shut down cleanly", ex);
        }
        this.mongo.shutdownNow();
    }
}
