package io.pulseloop.survey.triggers;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binding {@code crmContacts-in-0}: {@code crm.contacts.v1}, group {@code survey-service}, in batches (a trigger
 * burst is decided with a few database round trips rather than a few per record).
 */
@Configuration(proxyBeanMethods = false)
class CrmContactEventsConsumer {

    @Bean
    Consumer<List<byte[]>> crmContacts(CrmContactEventHandler handler) {
        return handler::handle;
    }
}
