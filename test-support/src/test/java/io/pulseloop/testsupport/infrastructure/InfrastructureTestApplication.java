package io.pulseloop.testsupport.infrastructure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The smallest Spring Boot application with Kafka and MongoDB: what a service looks like to {@link RealInfrastructure}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class InfrastructureTestApplication {

    static final String GREETINGS_TOPIC = "testsupport.greetings.v1";

    @Bean
    GreetingListener greetingListener() {
        return new GreetingListener();
    }

    /**
     * Keeps every greeting it consumes; a consumer group of its own per context.
     */
    static class GreetingListener {

        private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = GREETINGS_TOPIC, groupId = "testsupport-greetings-${random.uuid}")
        void on(ConsumerRecord<String, String> record) {
            this.received.add(record);
        }

        List<ConsumerRecord<String, String>> received() {
            return List.copyOf(this.received);
        }
    }
}
