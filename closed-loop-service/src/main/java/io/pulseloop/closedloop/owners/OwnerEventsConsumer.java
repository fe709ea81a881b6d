package io.pulseloop.closedloop.owners;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.TolerantEventReader;

/**
 * Binding {@code ownerUpdates-in-0}: keeps the owner directory in step with {@code crm.owners.v1}. Read with the
 * platform's {@link TolerantEventReader} like every other binding here: a tombstone is skipped and counted, and an
 * unreadable record goes to the binding's DLQ with a cause that names the field (not a message-conversion failure).
 */
@Configuration
class OwnerEventsConsumer {

    @Bean
    Consumer<byte[]> ownerUpdates(OwnerDirectory directory, TolerantEventReader reader) {
        return payload -> reader.read(payload, OwnerUpserted.class, Topics.CRM_OWNERS).ifPresent(directory::record);
    }
}
