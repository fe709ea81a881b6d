package io.pulseloop.closedloop.tasks;

import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.contacts.ContactDirectory;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.topic.Topics;

/**
 * Bindings {@code scoreTasks-in-0} ({@code response.scores.v1}), {@code signalTasks-in-0}
 * ({@code analytics.signals.v1}) and {@code contactUpdates-in-0} ({@code crm.contacts.v1}).
 *
 * <p>Idempotent because the contact's aggregate remembers recent event ids and the latest revision of each response,
 * and the directory keeps the newest contact: a redelivery changes nothing and alerts nobody. Readers are tolerant:
 * event types they do not handle (the families grow additively) are skipped and counted
 * ({@code pulseloop.closed-loop.events.skipped}); an unreadable record fails and goes to the binding's DLQ.
 */
@Configuration(proxyBeanMethods = false)
class TaskEventConsumers {

    @Bean
    Consumer<byte[]> scoreTasks(TaskService tasks) {
        return payload -> tasks.onScore(EventJson.mapper().readValue(payload, ScoreRecorded.class));
    }

    @Bean
    Consumer<byte[]> signalTasks(TaskService tasks, MeterRegistry meters) {
        return payload -> {
            JsonNode event = EventJson.mapper().readTree(payload);
            String type = type(event);
            if ("ChurnRiskDetected".equals(type)) {
                tasks.onChurnRisk(EventJson.mapper().treeToValue(event, ChurnRiskDetected.class));
            } else {
                skipped(meters, Topics.ANALYTICS_SIGNALS, type);
            }
        };
    }

    @Bean
    Consumer<byte[]> contactUpdates(TaskService tasks, ContactDirectory contacts, MeterRegistry meters) {
        return payload -> {
            JsonNode event = EventJson.mapper().readTree(payload);
            String type = type(event);
            if ("ContactUpserted".equals(type)) {
                contacts.record(EventJson.mapper().treeToValue(event, ContactUpserted.class));
            } else if ("ContactErased".equals(type)) {
                tasks.onContactErased(EventJson.mapper().treeToValue(event, ContactErased.class));
            } else {
                skipped(meters, Topics.CRM_CONTACTS, type);
            }
        };
    }

    private static String type(JsonNode event) {
        if (!event.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        JsonNode type = event.get("eventType");
        if (type == null || !type.isString()) {
            throw new IllegalArgumentException("event without eventType");
        }
        return type.asString();
    }

    private static void skipped(MeterRegistry meters, String topic, String type) {
        meters.counter("pulseloop.closed-loop.events.skipped", "topic", topic, "type", type).increment();
    }
}
