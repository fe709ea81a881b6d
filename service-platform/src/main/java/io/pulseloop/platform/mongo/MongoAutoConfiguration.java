package io.pulseloop.platform.mongo;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;

import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.EventsAutoConfiguration;

/**
 * {@link MongoLease} (on the context's {@code Clock}, else the system clock) and {@link OutboxRelay} for services with
 * MongoDB (and Kafka, for the relay).
 */
@AutoConfiguration(after = EventsAutoConfiguration.class, afterName = {
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"})
@ConditionalOnClass(MongoOperations.class)
public class MongoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoOperations.class)
    MongoLease mongoLease(MongoOperations mongo, ObjectProvider<Clock> clock) {
        return new MongoLease(mongo, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({MongoOperations.class, EventPublisher.class})
    OutboxRelay outboxRelay(MongoOperations mongo, EventPublisher publisher) {
        return new OutboxRelay(mongo, publisher);
    }
}
