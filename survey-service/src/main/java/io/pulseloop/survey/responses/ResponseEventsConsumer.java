package io.pulseloop.survey.responses;

import java.time.Clock;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseCompleted;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.response.ResponseRevised;
import io.pulseloop.events.response.ResponseStarted;
import io.pulseloop.events.response.SurveyUnsubscribed;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.invitations.InvitationLifecycle;
import io.pulseloop.survey.messaging.InvalidEventException;

/**
 * Binding {@code responses-in-0}: {@code response.responses.v1}, group {@code survey-service}. A started, completed or
 * revised response marks its invitation answered (no reminder); {@code SurveyUnsubscribed} opts the contact out of
 * every survey and withdraws what is pending, recorded as {@code UNSUBSCRIBED}.
 *
 * <p>Idempotent: "answered" keeps its first time, opting out sets a flag and records its decision once per event id.
 */
@Configuration(proxyBeanMethods = false)
class ResponseEventsConsumer {

    @Bean
    Consumer<Message<?>> responses(ContactDirectory contacts, InvitationLifecycle lifecycle, Clock clock,
            MeterRegistry meters) {
        return message -> {
            ResponseEvent event = read(message.getPayload());
            if (event == null) {
                meters.counter("pulseloop.survey.events.skipped", "topic", "response.responses.v1").increment();
                return;
            }
            meters.counter("pulseloop.survey.events.processed", "topic", "response.responses.v1").increment();
            if (event instanceof SurveyUnsubscribed unsubscribed) {
                contacts.unsubscribe(unsubscribed, clock.instant());
                lifecycle.withdrawPending(unsubscribed.contactId(), SuppressionReason.UNSUBSCRIBED,
                        "the contact unsubscribed from surveys");
            }
            else if (event instanceof ResponseStarted || event instanceof ResponseCompleted
                    || event instanceof ResponseRevised) {
                lifecycle.answered(event.invitationId(), event.occurredAt());
            }
        };
    }

    /**
     * The event, {@code null} for a type this service does not act on.
     *
     * @param payload the record's value as the binder hands it over: bytes, or {@code KafkaNull} for a tombstone
     *                (taken untyped, so that a tombstone is dead-lettered with this cause, not a ClassCastException)
     */
    static ResponseEvent read(Object payload) {
        if (!(payload instanceof byte[] value)) {
            throw new InvalidEventException("a response.responses.v1 record has no value (a tombstone)");
        }
        try {
            JsonNode tree = EventJson.mapper().readTree(value);
            String type = tree.path("eventType").asString(null);
            if (type == null) {
                throw new InvalidEventException("a response.responses.v1 record has no eventType");
            }
            if (!type.equals("ResponseStarted") && !type.equals("ResponseCompleted") && !type.equals("ResponseRevised")
                    && !type.equals("SurveyUnsubscribed")) {
                return null;
            }
            ResponseEvent event = EventJson.mapper().treeToValue(tree, ResponseEvent.class);
            if (event.contactId() == null || event.invitationId() == null) {
                throw new InvalidEventException("a " + type + " event has no contactId or invitationId");
            }
            return event;
        }
        catch (JacksonException ex) {
            throw new InvalidEventException("a response.responses.v1 record is not a readable event: "
                    + ex.getOriginalMessage(), ex);
        }
    }
}
