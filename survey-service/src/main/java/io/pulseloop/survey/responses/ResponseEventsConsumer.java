package io.pulseloop.survey.responses;

import java.time.Clock;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    Consumer<byte[]> responses(ContactDirectory contacts, InvitationLifecycle lifecycle, Clock clock,
            MeterRegistry meters) {
        return value -> {
            ResponseEvent event = read(value);
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

    static ResponseEvent read(byte[] value) {
        if (value == null) {
            throw new InvalidEventException("a response.responses.v1 record has no value");
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
