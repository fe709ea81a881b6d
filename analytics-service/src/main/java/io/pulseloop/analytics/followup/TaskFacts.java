package io.pulseloop.analytics.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import io.pulseloop.analytics.query.Period;

/**
 * One document per follow-up task ({@code _id} = task id), from the events of {@code followup.tasks.v1} read as
 * JSON trees, so that fields and event types closed-loop adds later are used when present and never fail the read.
 * Every event is one {@code _id} upsert ({@code $set}, {@code $min}, {@code $setOnInsert}): idempotent.
 *
 * <p>The end of a task: {@code FollowUpTaskResolved} is {@code RESOLVED} unless it says otherwise in a
 * {@code status} or {@code outcome} field, or its root cause is {@code UNREACHABLE} / {@code CANCELLED}; an event
 * type naming the end ({@code ...Unreachable}, {@code ...Cancelled}) counts as that end.
 */
@Component
public class TaskFacts {

    private static final String COLLECTION = "task_facts";

    private final MongoTemplate mongo;

    TaskFacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return whether the event was one this projection uses */
    public boolean apply(JsonNode event) {
        String type = event.path("eventType").asString("");
        String taskId = text(event, "taskId");
        if (taskId == null) {
            return false;
        }
        Instant at = instant(event, "occurredAt");
        Update update = new Update();
        setIfPresent(update, "contactId", text(event, "contactId"));
        setIfPresent(update, "reason", text(event, "reason"));
        switch (type) {
            case "FollowUpTaskOpened" -> {
                update.setOnInsert("status", "OPEN");
                update.set("openedAt", at).set("openedDay", day(at));
                setIfPresent(update, "dueAt", instant(event, "dueAt"));
                setIfPresent(update, "responseId", text(event, "responseId"));
                setIfPresent(update, "metric", text(event, "metric"));
                if (event.hasNonNull("score")) {
                    update.set("score", event.get("score").asInt());
                }
            }
            case "ContactAttemptMade" -> update.min("firstAttemptAt", at).setOnInsert("status", "IN_PROGRESS");
            case "FollowUpTaskEscalated" -> update.set("escalated", true).setOnInsert("status", "OPEN");
            default -> {
                String end = endOf(type, event);
                if (end == null) {
                    return false;
                }
                update.set("status", end).set("endedAt", at);
            }
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(taskId)), update, COLLECTION);
        return true;
    }

    /** Streams the tasks opened in the period (either end open). */
    public void forEachOpened(Period period, Consumer<TaskFact> sink) {
        Criteria criteria = Criteria.where("openedAt").ne(null);
        if (period.from() != null || period.to() != null) {
            Criteria day = criteria.and("openedDay");
            if (period.from() != null) {
                day.gte(period.fromKey());
            }
            if (period.to() != null) {
                day.lte(period.toKey());
            }
        }
        try (Stream<TaskFact> tasks = mongo.stream(Query.query(criteria), TaskFact.class, COLLECTION)) {
            tasks.forEach(sink);
        }
    }

    private static String endOf(String type, JsonNode event) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.contains("unreachable")) {
            return "UNREACHABLE";
        }
        if (lower.contains("cancel")) {
            return "CANCELLED";
        }
        if (!"FollowUpTaskResolved".equals(type) && !lower.contains("closed") && !lower.contains("ended")) {
            return null;
        }
        for (String field : new String[] {"status", "outcome", "rootCause"}) {
            String value = text(event, field);
            if (value != null) {
                String upper = value.toUpperCase(Locale.ROOT);
                if (upper.contains("UNREACHABLE") || upper.contains("CANCEL")) {
                    return upper.contains("UNREACHABLE") ? "UNREACHABLE" : "CANCELLED";
                }
            }
        }
        return "RESOLVED";
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Instant instant(JsonNode event, String field) {
        String value = text(event, field);
        return value == null ? null : Instant.parse(value);
    }

    private static String day(Instant at) {
        return at == null ? null : LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static void setIfPresent(Update update, String field, Object value) {
        if (value != null) {
            update.set(field, value);
        }
    }

    /** A task as the KPIs see it; status OPEN, IN_PROGRESS (after an attempt), RESOLVED, UNREACHABLE, CANCELLED. */
    @Document(COLLECTION)
    @CompoundIndex(name = "period_query", def = "{'openedDay': 1}")
    public record TaskFact(@Id String taskId, String contactId, String reason, String status, Instant openedAt,
            String openedDay, Instant dueAt, Instant firstAttemptAt, Instant endedAt, String responseId,
            String metric, Integer score, Boolean escalated) {
    }
}
