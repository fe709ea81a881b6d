package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

class InboundErrorHandlingTests {

    private final InboundProperties properties = new InboundProperties(Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofSeconds(30), 3);

    @Test
    void retriesFailedInboundBatchesWithBackoffInsteadOfDeadLetteringThem() {
        ConcurrentMessageListenerContainer<String, byte[]> container = container("crm.inbound.v1");

        new InboundErrorHandling().inboundRetryUntilInfrastructureIsBack(properties)
                .configure(container, "crm.inbound.v1", "crm-sync-service");

        assertThat(container.getCommonErrorHandler()).isInstanceOf(DefaultErrorHandler.class);
    }

    @Test
    void leavesOtherBindingsToTheBinder() {
        ConcurrentMessageListenerContainer<String, byte[]> container = container("response.scores.v1");

        new InboundErrorHandling().inboundRetryUntilInfrastructureIsBack(properties)
                .configure(container, "response.scores.v1", "crm-sync-service");

        assertThat(container.getCommonErrorHandler()).isNull();
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> container(String topic) {
        return new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of()),
                new ContainerProperties(topic));
    }
}
