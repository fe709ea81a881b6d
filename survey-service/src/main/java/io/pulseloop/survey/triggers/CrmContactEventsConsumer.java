package io.pulseloop.survey.triggers;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code crmContacts-in-0}: {@code crm.contacts.v1}, group {@code survey-service}, in batches (a trigger
 * burst is decided with a few database round trips rather than a few per record).
 *
 * <p>The batch is taken as the raw payload list, unconverted, not as {@code List<byte[]>}: a record with a null value
 * (a tombstone) arrives as {@code KafkaNull}, and the binder's conversion to a typed list either fails with a
 * {@code ClassCastException} that names no record (the container then retries and discards the whole batch) or shifts
 * the records' positions. The handler names the tombstone by its position instead; it alone goes to the dead-letter
 * topic with its cause, and the good records around it are processed (issue 11 #1).
 */
@Configuration(proxyBeanMethods = false)
class CrmContactEventsConsumer {

    @Bean
    Consumer<Message<?>> crmContacts(CrmContactEventHandler handler) {
        return message -> {
            if (!(message.getPayload() instanceof List<?> records)) {
                throw new IllegalStateException("crmContacts-in-0 must be bound in batch mode");
            }
            handler.handle(records);
        };
    }
}
