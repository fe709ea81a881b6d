package io.pulseloop.response.invitations;

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

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.events.survey.InvitationIssued;
import io.pulseloop.events.survey.InvitationSent;

/**
 * Binding {@code invitationEvents-in-0} ({@code survey.invitations.v1}, group {@code response-service}): keeps the
 * invitation directory in step. Sent and expired matter here; the other invitation events are skipped, and so
 * are event types this version does not know. An unreadable record (a tombstone too) is not retried: it goes to
 * the binding's DLQ with its cause, and the records after it are processed.
 */
@Configuration
class InvitationEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(InvitationEventsConsumer.class);

    private static final ObjectReader READER = EventJson.mapper().readerFor(InvitationEvent.class)
            .without(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);

    /**
     * Every record this listener is done with (recorded, skipped, or unreadable and so dead-lettered) is reported to
     * {@link InvitationProgress}, so that an unknown link waiting for it learns at once; a record that failed and will
     * be retried is not.
     */
    @Bean
    Consumer<Message<?>> invitationEvents(InvitationDirectory directory, MeterRegistry meters,
            InvitationProgress progress) {
        return message -> {
            try {
                consume(message, directory, meters);
            }
            catch (UnreadableEventException unreadable) {
                progress.processed(message);
                throw unreadable;
            }
            progress.processed(message);
        };
    }

    private static void consume(Message<?> message, InvitationDirectory directory, MeterRegistry meters) {
        InvitationEvent event;
        try {
            byte[] value = RecordValues.bytesOf(message, "survey.invitations.v1");
            event = READER.readValue(value);
            if (event == null) {
                RecordValues.requireEventType(value, "survey.invitations.v1");
            }
        }
        catch (UnreadableEventException tombstone) {
            meters.counter("pulseloop.response.consumed", "topic", "survey.invitations.v1", "outcome", "unreadable")
                    .increment();
            throw tombstone;
        }
        catch (JacksonException unreadable) {
            meters.counter("pulseloop.response.consumed", "topic", "survey.invitations.v1", "outcome", "unreadable")
                    .increment();
            throw new UnreadableEventException("Unreadable invitation event: " + unreadable.getOriginalMessage(),
                    unreadable);
        }
        String outcome = "skipped";
        if (event instanceof InvitationIssued issued) {
            event = pageDataOf(issued);
        }
        if (event instanceof InvitationSent sent) {
            if (sent.tokenHash() == null || sent.survey() == null) {
                throw new UnreadableEventException("InvitationSent " + sent.eventId()
                        + " lacks tokenHash or survey", null);
            }
            directory.record(sent);
            outcome = "recorded";
        }
        else if (event instanceof InvitationExpired expired) {
            directory.expire(expired);
            outcome = "expired";
        }
        else if (event == null) {
            log.debug("Skipped an invitation event of an unknown type");
        }
        meters.counter("pulseloop.response.consumed", "topic", "survey.invitations.v1", "outcome", outcome)
                .increment();
    }

    /**
     * survey-service issues the token (and publishes it) before the email leaves, so a link works as soon as it can
     * be clicked; the issued invitation carries the same page data as the {@code InvitationSent} that follows, which
     * then rewrites the same values.
     */
    private static InvitationSent pageDataOf(InvitationIssued issued) {
        return new InvitationSent(issued.eventId(), issued.occurredAt(), issued.contactId(), issued.correlationId(),
                issued.invitationId(), issued.surveyId(), issued.tokenHash(), issued.expiresAt(), issued.locale(),
                issued.survey(), issued.context());
    }
}
