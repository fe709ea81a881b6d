package io.pulseloop.crmsync.inbound;

import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import io.pulseloop.events.topic.Topics;

/**
 * What happens when a batch from {@code crm.inbound.v1} fails as a whole. Poison records never get here: the
 * pipeline dead-letters them itself. What gets here is an outage of MongoDB or Kafka, so the batch is retried
 * with exponential backoff and jitter until the infrastructure is back; its offsets stay uncommitted meanwhile,
 * and the records are never dead-lettered for an outage (the binder's batch DLQ would dead-letter the whole batch).
 */
@Configuration(proxyBeanMethods = false)
class InboundErrorHandling {

    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> inboundRetryUntilInfrastructureIsBack(
            InboundProperties properties) {
        return (container, destination, group) -> {
            if (Topics.CRM_INBOUND.equals(destination)) {
                ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
                backOff.setMaxInterval(properties.retryMax().toMillis());
                backOff.setJitter(properties.retryInitial().toMillis() / 2);
                container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            }
        };
    }
}
