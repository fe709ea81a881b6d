package io.pulseloop.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one record of an event family, tolerantly: what this version of the service cannot know is skipped and
 * counted instead of failing (and then retried and dead-lettered, which would stall or lose the partition's order):
 *
 * <ul>
 * <li>an <b>unknown event type</b> (the {@code eventType} discriminator names no member of the family: a producer
 * upgraded first) — skipped, reason {@code unknown-type};</li>
 * <li>a <b>tombstone</b> (no value: {@code null}, {@code KafkaNull}, empty) — skipped, reason {@code tombstone}.</li>
 * </ul>
 *
 * A record of a known type that cannot be read (malformed JSON, a wrong or missing field) throws
 * {@link UnreadableEventException}, naming the field: it can never be read, so it belongs in the dead-letter topic
 * at once. Unknown <em>fields</em> are ignored (common-events' settings).
 *
 * <p>Every skip increments {@code pulseloop.events.skipped} tagged {@code topic}, {@code eventType} ({@code none} for
 * a tombstone) and {@code reason}, and is logged at INFO.
 *
 * <pre>{@code
 * reader.read(message, CrmContactEvent.class, Topics.CRM_CONTACTS).ifPresent(handler::handle);
 * }</pre>
 *
 * The family's members come from its {@code @JsonSubTypes} (discriminator from {@code @JsonTypeInfo}, else
 * {@code eventType}); a single record type names only itself; a sealed type without annotations names its permitted
 * subclasses.
 */
public class TolerantEventReader {

    /** The counter of skipped records. */
    public static final String SKIPPED = "pulseloop.events.skipped";

    private static final Logger log = LoggerFactory.getLogger(TolerantEventReader.class);

    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Map<Class<?>, Family> families = new ConcurrentHashMap<>();

    public TolerantEventReader(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    /**
     * @param payload what the consumer received: a {@code byte[]} or {@code String} value, a {@link Message}, a
     *                {@link ConsumerRecord}, or {@code null}/{@code KafkaNull} for a tombstone
     * @param family  the family (or single record) type to read
     * @param topic   the topic, for the counter and the log
     * @return the event, or empty when the record was skipped (and counted)
     * @throws UnreadableEventException when a record of a known type cannot be read
     */
    public <E> Optional<E> read(Object payload, Class<E> family, String topic) {
        byte[] value = valueOf(payload);
        if (value == null || value.length == 0) {
            skip(topic, "none", "tombstone");
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = json.readTree(value);
        } catch (JacksonException notJson) {
            throw new UnreadableEventException("A " + topic + " record is not JSON: " + notJson.getOriginalMessage(),
                    null, notJson);
        }
        Family members = families.computeIfAbsent(family, TolerantEventReader::familyOf);
        JsonNode type = tree.get(members.property());
        if (type != null && type.isString() && !members.names().contains(type.asString())) {
            skip(topic, type.asString(), "unknown-type");
            return Optional.empty();
        }
        try {
            return Optional.of(json.treeToValue(tree, family));
        } catch (JacksonException invalid) {
            String field = path(invalid);
            throw new UnreadableEventException("A " + topic + " record of type " + (type == null ? "?" : type.asString())
                    + " cannot be read" + (field == null ? "" : " at " + field) + ": " + invalid.getOriginalMessage(),
                    field, invalid);
        }
    }

    /** The names of the family's members, as its {@code eventType} discriminator spells them. */
    public Set<String> eventTypesOf(Class<?> family) {
        return families.computeIfAbsent(family, TolerantEventReader::familyOf).names();
    }

    private void skip(String topic, String eventType, String reason) {
        meters.counter(SKIPPED, "topic", topic, "eventType", eventType, "reason", reason).increment();
        log.info("Skipped a record on {}: {} ({})", topic, reason, eventType);
    }

    private static byte[] valueOf(Object payload) {
        Object value = payload;
        if (value instanceof Message<?> message) {
            value = message.getPayload();
        }
        if (value instanceof ConsumerRecord<?, ?> record) {
            value = record.value();
        }
        if (value == null || value instanceof KafkaNull) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new UnreadableEventException("Cannot read a record value of type " + value.getClass().getName(), null,
                null);
    }

    private static String path(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    static Family familyOf(Class<?> type) {
        JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
        String property = info == null || info.property().isEmpty() ? "eventType" : info.property();
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        if (subTypes != null) {
            return new Family(property, Arrays.stream(subTypes.value()).map(TolerantEventReader::nameOf)
                    .collect(Collectors.toUnmodifiableSet()));
        }
        if (type.isSealed()) {
            return new Family(property, Arrays.stream(type.getPermittedSubclasses()).map(TolerantEventReader::nameOf)
                    .collect(Collectors.toUnmodifiableSet()));
        }
        return new Family(property, Set.of(nameOf(type)));
    }

    private static String nameOf(JsonSubTypes.Type member) {
        return member.name().isEmpty() ? nameOf(member.value()) : member.name();
    }

    private static String nameOf(Class<?> type) {
        JsonTypeName name = type.getAnnotation(JsonTypeName.class);
        return name != null && !name.value().isEmpty() ? name.value() : type.getSimpleName();
    }

    record Family(String property, Set<String> names) {
    }
}
