package io.pulseloop.crmsync.registry;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import io.pulseloop.platform.events.TolerantEventReader;
import io.pulseloop.platform.privacy.PersonalDataOpener;
import io.pulseloop.crmsync.writeback.WriteBackOutbox;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.topic.Topics;

/**
 * Bindings {@code contactUpdates-in-0} ({@code crm.contacts.v1}) and {@code ownerUpdates-in-0}
 * ({@code crm.owners.v1}): the registry consumes the service's own canonical events (publish first, then apply),
 * so the registry and every other service see the same history in the same order. Idempotent: see
 * {@link ContactRegistry}. An erasure also clears the contact's pending CRM write-backs. An event type this version
 * does not know, and a tombstone, are skipped and counted (the platform's {@link TolerantEventReader}), not retried and dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConsumers {

    @Bean
    Consumer<Message<Object>> contactUpdates(TolerantEventReader reader, PersonalDataOpener opener,
            ContactRegistry registry, WriteBackOutbox writeBacks) {
        // only an upsert's personal fields are stored: a ticket's sealed subject is never opened
        return message -> reader.read(message.getPayload(), CrmContactEvent.class, Topics.CRM_CONTACTS)
                .map(event -> event instanceof ContactUpserted ? opener.openAll(event) : event)
                .ifPresent(event -> {
                    registry.apply(event);
                    if (event instanceof ContactErased erased) {
                        writeBacks.erase(erased.contactId());
                    }
                });
    }

    @Bean
    Consumer<Message<Object>> ownerUpdates(TolerantEventReader reader, ContactRegistry registry) {
        return message -> reader.read(message.getPayload(), OwnerUpserted.class, Topics.CRM_OWNERS)
                .ifPresent(registry::apply);
    }
}
