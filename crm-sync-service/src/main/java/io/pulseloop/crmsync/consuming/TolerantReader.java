package io.pulseloop.crmsync.consuming;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pulseloop.events.json.EventJson;

/**
 * Reads one record of an event family and skips, with a counter and an INFO line, what this version cannot know: a
 * record without a value (a tombstone, e.g. from compaction) and an event type outside the family (a producer that
 * was upgraded first). Anything else that fails to read — a known type that is malformed — still throws, so the
 * binding retries it and dead-letters it with its cause.
 *
 * <p>The family's type names come from its {@code @JsonSubTypes} (property {@code eventType}); a single record type
 * without them (e.g. {@code ScoreRecorded}) only skips a record whose {@code eventType}, when present, names
 * something else. Metric: {@code pulseloop.crmsync.consumed.skipped} tagged {@code topic}, {@code reason}
 * ({@code unknown-type}, {@code tombstone}) and {@code type}.
 *
 * <p>Local to crm-sync for now: the platform's tolerant reader (issue 9) had not landed when this was written.
 */
@Component
public class TolerantReader {

    private static final Logger log = LoggerFactory.getLogger(TolerantReader.class);
    private static final String SKIPPED = "pulseloop.crmsync.consumed.skipped";

    private final JsonMapper json = EventJson.mapper();
    private final MeterRegistry meters;
    private final Map<Class<?>, Family> families = new ConcurrentHashMap<>();

    TolerantReader(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * @param payload what the binding delivered: the record's bytes, or {@code KafkaNull}/{@code null} for a
     *                tombstone
     * @return the event, or empty when it was skipped (and counted)
     */
    public <E> Optional<E> read(Object payload, Class<E> type, String topic) {
        if (!(payload instanceof byte[] bytes) || bytes.length == 0) {
            skip(topic, "tombstone", "none");
            return Optional.empty();
        }
        JsonNode tree = json.readTree(bytes);
        Family family = families.computeIfAbsent(type, TolerantReader::family);
        JsonNode typeName = tree.get(family.property());
        if (typeName != null && typeName.isString() && !family.names().contains(typeName.asString())) {
            skip(topic, "unknown-type", typeName.asString());
            return Optional.empty();
        }
        return Optional.of(json.treeToValue(tree, type));
    }

    private void skip(String topic, String reason, String type) {
        meters.counter(SKIPPED, "topic", topic, "reason", reason, "type", type).increment();
        log.info("Skipped a record on {}: {} ({})", topic, reason, type);
    }

    private static Family family(Class<?> type) {
        JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        String property = info == null || info.property().isEmpty() ? "eventType" : info.property();
        if (subTypes == null) {
            return new Family(property, Set.of(type.getSimpleName()));
        }
        return new Family(property, Arrays.stream(subTypes.value()).map(JsonSubTypes.Type::name)
                .collect(Collectors.toUnmodifiableSet()));
    }

    private record Family(String property, Set<String> names) {
    }
}
