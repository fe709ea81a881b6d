package io.pulseloop.closedloop.owners;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.events.crm.OwnerUpserted;

/** Binding {@code ownerUpdates-in-0}: keeps the owner directory in step with {@code crm.owners.v1}. */
@Configuration
class OwnerEventsConsumer {

    @Bean
    Consumer<OwnerUpserted> ownerUpdates(OwnerDirectory directory) {
        return directory::record;
    }
}
