package io.pulseloop.crmsync.inbound;

import java.util.Map;

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
 * and the records are never dead-lettered for an outage (the binder's batch DLQ would dead-letter the whole batch)
 * nor discarded.
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
                container.setCommonErrorHandler(retryingEverything(backOff));
            }
        };
    }

    /**
     * Spring Kafka classifies some exceptions as not retryable ({@code ClassCastException}, conversion and
     * deserialization errors) and then discards the whole batch at once ("Records discarded"): that is how a single
     * tombstone lost good events (issue 11 #1). Here every exception is retried: per-record problems are the
     * pipeline's to dead-letter, so what reaches this handler is an outage, and a batch is never discarded.
     */
    static DefaultErrorHandler retryingEverything(ExponentialBackOff backOff) {
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setClassifications(Map.of(), true);
        return handler;
    }
}
