package io.pulseloop.crmsync.writeback;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import io.pulseloop.platform.events.TolerantEventReader;
import io.pulseloop.crmsync.writeback.rules.PropertyChange;
import io.pulseloop.crmsync.writeback.rules.WriteBackMapping;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.topic.Topics;

/**
 * Bindings {@code scoreWriteBack-in-0} ({@code response.scores.v1}), {@code followUpWriteBack-in-0}
 * ({@code followup.tasks.v1}) and {@code signalWriteBack-in-0} ({@code analytics.signals.v1}): each event becomes
 * property changes in the {@link WriteBackOutbox} and nothing else, so these consumers never wait for the CRM.
 * Idempotent: a redelivered (or older) event never supersedes the value it set (see
 * {@link io.pulseloop.crmsync.writeback.rules.PropertyValue#supersedes}). An event type this version does not know,
 * and a tombstone, are skipped and counted (the platform's {@link TolerantEventReader}), not retried and dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class WriteBackConsumers {

    @Bean
    Consumer<Message<Object>> scoreWriteBack(TolerantEventReader reader, WriteBackOutbox outbox, WriteBackMetrics metrics) {
        return message -> reader.read(message.getPayload(), ScoreRecorded.class, Topics.RESPONSE_SCORES)
                .ifPresent(score -> record(outbox, metrics, Topics.RESPONSE_SCORES, score.contactId(),
                        WriteBackMapping.of(score)));
    }

    @Bean
    Consumer<Message<Object>> followUpWriteBack(TolerantEventReader reader, WriteBackOutbox outbox,
            WriteBackMetrics metrics) {
        return message -> reader.read(message.getPayload(), FollowUpTaskEvent.class, Topics.FOLLOWUP_TASKS)
                .ifPresent(task -> record(outbox, metrics, Topics.FOLLOWUP_TASKS, task.contactId(),
                        WriteBackMapping.of(task)));
    }

    /** A signal can name several contacts (churn risk: every contact whose answers raised it, contract §8.1). */
    @Bean
    Consumer<Message<Object>> signalWriteBack(TolerantEventReader reader, WriteBackOutbox outbox,
            WriteBackMetrics metrics) {
        return message -> reader.read(message.getPayload(), SignalEvent.class, Topics.ANALYTICS_SIGNALS)
                .ifPresent(signal -> {
                    if (signal.contactId() == null || signal.contactId().isBlank()) {
                        throw new IllegalArgumentException("event on " + Topics.ANALYTICS_SIGNALS
                                + " without contactId");
                    }
                    WriteBackMapping.byContact(signal).forEach((contactId, changes) ->
                            record(outbox, metrics, Topics.ANALYTICS_SIGNALS, contactId, changes));
                });
    }

    private static void record(WriteBackOutbox outbox, WriteBackMetrics metrics, String topic, String contactId,
            List<PropertyChange> changes) {
        if (contactId == null || contactId.isBlank()) {
            throw new IllegalArgumentException("event on " + topic + " without contactId");
        }
        int recorded = outbox.record(contactId, changes).size();
        if (recorded > 0) {
            metrics.updates(topic, recorded);
        }
    }
}
