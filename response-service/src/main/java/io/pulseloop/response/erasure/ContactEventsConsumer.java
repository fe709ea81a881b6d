package io.pulseloop.response.erasure;

import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.platform.privacy.PersonalDataSealer;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.response.intake.ResponseQueries;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.response.invitations.RecordValues;
import io.pulseloop.response.invitations.UnreadableEventException;

/**
 * Binding {@code contactEvents-in-0} ({@code crm.contacts.v1}, group {@code response-service}): on
 * {@code ContactErased}, closes the contact's invitations and removes their comments and free-text answers;
 * scores stay. Idempotent because both steps only blank fields: a redelivery changes nothing more. The other
 * contact events are skipped. An unreadable record (a tombstone too) goes to the binding's DLQ with its cause.
 */
@Configuration
class ContactEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(ContactEventsConsumer.class);

    private static final ObjectReader READER = EventJson.mapper().readerFor(CrmContactEvent.class)
            .without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);

    @Bean
    Consumer<Message<?>> contactEvents(InvitationDirectory invitations, ResponseQueries responses,
            PersonalDataSealer sealer, MeterRegistry meters) {
        return message -> {
            CrmContactEvent event;
            try {
                byte[] value = RecordValues.bytesOf(message, "crm.contacts.v1");
                event = READER.readValue(value);
                if (event == null) {
                    RecordValues.requireEventType(value, "crm.contacts.v1");
                }
            }
            catch (UnreadableEventException tombstone) {
                meters.counter("pulseloop.response.consumed", "topic", "crm.contacts.v1", "outcome", "unreadable")
                        .increment();
                throw tombstone;
            }
            catch (JacksonException unreadable) {
                meters.counter("pulseloop.response.consumed", "topic", "crm.contacts.v1", "outcome", "unreadable")
                        .increment();
                throw new UnreadableEventException("Unreadable contact event: " + unreadable.getOriginalMessage(),
                        unreadable);
            }
            if (event instanceof ContactErased erased) {
                invitations.erase(erased.contactId(), erased.occurredAt());
                long changed = responses.eraseContact(erased.contactId());
                // the contact's data key is destroyed: every comment of theirs on response.scores.v1 turns unreadable
                sealer.erase(erased.contactId());
                log.info("Erased personal data of contact {} from {} response(s)", erased.contactId(), changed);
                meters.counter("pulseloop.response.consumed", "topic", "crm.contacts.v1", "outcome", "erased")
                        .increment();
            }
        };
    }
}
