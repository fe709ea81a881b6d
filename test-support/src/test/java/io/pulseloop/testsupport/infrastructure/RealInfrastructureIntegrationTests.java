package io.pulseloop.testsupport.infrastructure;

import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import io.pulseloop.testsupport.infrastructure.InfrastructureTestApplication.GreetingListener;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.kafka.TopicProbe;

@SpringBootTest
@RealInfrastructure
class RealInfrastructureIntegrationTests {

    private static final KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure();

    @Autowired
    private MongoTemplate mongoTemplate;

    @Autowired
    private KafkaTemplate<String, String> kafkaTemplate;

    @Autowired
    private GreetingListener greetings;

    @Autowired
    private Infrastructure infrastructure;

    @Autowired
    private Environment environment;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void mongoTemplateWritesToADatabaseOfItsOwnOnTheSharedServer() {
        // given
        String database = this.mongoTemplate.getDb().getName();
        String id = UUID.randomUUID().toString();

        // when
        this.mongoTemplate.insert(new Document(Map.of("_id", id, "score", 9)), "responses");

        // then
        assertThat(database).startsWith("test-").isEqualTo(this.environment.getProperty("spring.mongodb.database"));
        try (MongoClient client = MongoClients.create(this.infrastructure.mongoConnectionString())) {
            Document stored = client.getDatabase(database).getCollection("responses")
                    .find(new Document("_id", id)).first();
            assertThat(stored).isNotNull();
            assertThat(stored.getInteger("score")).isEqualTo(9);
        }
    }

    @Test
    void kafkaTemplatePublishesToTheSharedBroker() throws Exception {
        String key = UUID.randomUUID().toString();
        try (TopicProbe probe = kafka.openProbe("testsupport.template.v1")) {
            this.kafkaTemplate.send("testsupport.template.v1", key, "hello from KafkaTemplate").get();

            assertThat(probe.awaitRecord(withKey(key), Duration.ofSeconds(10)).value())
                    .isEqualTo("hello from KafkaTemplate");
        }
    }

    @Test
    void kafkaListenerConsumesWhatAPlainClientPublishes() {
        String key = UUID.randomUUID().toString();

        kafka.publish(InfrastructureTestApplication.GREETINGS_TOPIC, key, "hello from a plain producer");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.greetings.received())
                .anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo(key);
                    assertThat(record.value()).isEqualTo("hello from a plain producer");
                }));
    }

    @Test
    void pointsKafkaAndTheStreamBinderAtTheSharedBrokerOverApplicationYml() {
        assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(this.infrastructure.kafkaBootstrapServers())
                .isEqualTo(SharedInfrastructure.get().kafkaBootstrapServers());
        assertThat(this.environment.getProperty("spring.cloud.stream.kafka.binder.brokers"))
                .isEqualTo(this.infrastructure.kafkaBootstrapServers());
        assertThat(this.environment.getProperty("spring.mongodb.uri"))
                .isEqualTo(this.infrastructure.mongoConnectionString(this.mongoTemplate.getDb().getName()));
    }
}
