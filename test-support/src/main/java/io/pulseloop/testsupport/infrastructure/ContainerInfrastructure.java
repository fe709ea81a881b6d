package io.pulseloop.testsupport.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * A Kafka container (KRaft, {@value #KAFKA_IMAGE}) and a single-node MongoDB replica set ({@value #MONGO_IMAGE}),
 * started in parallel by Testcontainers. The replica set gives real transactions and change streams.
 */
final class ContainerInfrastructure implements RunningInfrastructure {

    static final String KAFKA_IMAGE = "apache/kafka-native:3.8.0";

    static final String MONGO_IMAGE = "mongo:7.0";

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);

    private final KafkaContainer kafka;

    private final MongoDBContainer mongo;

    private final Infrastructure infrastructure;

    private ContainerInfrastructure(KafkaContainer kafka, MongoDBContainer mongo) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.infrastructure = new Infrastructure(InfrastructureMode.CONTAINERS, kafka.getBootstrapServers(),
                mongo.getConnectionString());
    }

    /**
     * Starts both containers; stops them both if either fails.
     *
     * @return the running containers
     */
    static ContainerInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(EmbeddedInfrastructure.DEFAULT_PARTITIONS))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
        try {
            Startables.deepStart(kafka, mongo).join();
        }
        catch (RuntimeException ex) {
            kafka.stop();
            mongo.stop();
            throw ex;
        }
        return new ContainerInfrastructure(kafka, mongo);
    }

    @Override
    public Infrastructure infrastructure() {
        return this.infrastructure;
    }

    @Override
    public String description() {
        return "Kafka container " + KAFKA_IMAGE + " at " + this.infrastructure.kafkaBootstrapServers()
                + ", MongoDB replica set container " + MONGO_IMAGE + " at " + this.mongo.getHost() + ":"
                + this.mongo.getFirstMappedPort();
    }

    @Override
    public void close() {
        try {
            this.kafka.stop();
        }
        catch (RuntimeException ex) {
            log.warn("Kafka container did not stop cleanly", ex);
        }
        try {
            this.mongo.stop();
        }
        catch (RuntimeException ex) {
            log.warn("MongoDB container did not stop cleanly", ex);
        }
    }
}
