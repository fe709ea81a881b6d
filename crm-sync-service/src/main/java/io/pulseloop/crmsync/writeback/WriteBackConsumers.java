package io.pulseloop.crmsync.writeback;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.crmsync.writeback.rules.PropertyChange;
import io.pulseloop.crmsync.writeback.rules.WriteBackMapping;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.topic.Topics;

/**
 * Bindings {@code scoreWriteBack-in-0} ({@code response.scores.v1}), {@code followUpWriteBack-in-0}
 * ({@code followup.tasks.v1}) and {@code signalWriteBack-in-0} ({@code analytics.signals.v1}): each event becomes
 * property changes in the {@link WriteBackOutbox} and nothing else, so these consumers never wait for the CRM.
 * Idempotent: a redelivered (or older) event never supersedes the value it set (see
 * {@link io.pulseloop.crmsync.writeback.rules.PropertyValue#supersedes}).
 */
@Configuration(proxyBeanMethods = false)
class WriteBackConsumers {

    @Bean
    Consumer<byte[]> scoreWriteBack(WriteBackOutbox outbox, WriteBackMetrics metrics) {
        return payload -> {
            ScoreRecorded score = EventJson.mapper().readValue(payload, ScoreRecorded.class);
            record(outbox, metrics, Topics.RESPONSE_SCORES, score.contactId(), WriteBackMapping.of(score));
        };
    }

    @Bean
    Consumer<byte[]> followUpWriteBack(WriteBackOutbox outbox, WriteBackMetrics metrics) {
        return payload -> {
            FollowUpTaskEvent task = EventJson.mapper().readValue(payload, FollowUpTaskEvent.class);
            record(outbox, metrics, Topics.FOLLOWUP_TASKS, task.contactId(), WriteBackMapping.of(task));
        };
    }

    @Bean
    Consumer<byte[]> signalWriteBack(WriteBackOutbox outbox, WriteBackMetrics metrics) {
        return payload -> {
            SignalEvent signal = EventJson.mapper().readValue(payload, SignalEvent.class);
            record(outbox, metrics, Topics.ANALYTICS_SIGNALS, signal.contactId(), WriteBackMapping.of(signal));
        };
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
