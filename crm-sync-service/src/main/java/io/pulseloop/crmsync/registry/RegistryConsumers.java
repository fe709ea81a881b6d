package io.pulseloop.crmsync.registry;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.crmsync.writeback.WriteBackOutbox;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.json.EventJson;

/**
 * Bindings {@code contactUpdates-in-0} ({@code crm.contacts.v1}) and {@code ownerUpdates-in-0}
 * ({@code crm.owners.v1}): the registry consumes the service's own canonical events (publish first, then apply),
 * so the registry and every other service see the same history in the same order. Idempotent: see
 * {@link ContactRegistry}. An erasure also clears the contact's pending CRM write-backs.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConsumers {

    @Bean
    Consumer<byte[]> contactUpdates(ContactRegistry registry, WriteBackOutbox writeBacks) {
        return payload -> {
            CrmContactEvent event = EventJson.mapper().readValue(payload, CrmContactEvent.class);
            registry.apply(event);
            if (event instanceof ContactErased erased) {
                writeBacks.erase(erased.contactId());
            }
        };
    }

    @Bean
    Consumer<byte[]> ownerUpdates(ContactRegistry registry) {
        return payload -> registry.apply(EventJson.mapper().readValue(payload, OwnerUpserted.class));
    }
}
