package io.pulseloop.events.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;

import io.pulseloop.events.topic.TopicSpec;
import io.pulseloop.events.topic.Topics;

/**
 * Generates the JSON Schema of every event record in the catalogue and compares it with the committed one.
 * The committed schemas under {@code src/main/resources/schemas/<topic>/<Event>.json} are the compatibility
 * baseline: a field may be added, never removed, renamed or retyped.
 */
final class EventSchemas {

    static final Path COMMITTED = Path.of("src/main/resources/schemas");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SchemaGenerator generator;

    EventSchemas() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON).with(Option.EXTRA_OPEN_API_FORMAT_VALUES);
        config.forFields().withStringFormatResolver(field ->
                field.getType().getErasedType() == java.time.Instant.class ? "date-time" : null);
        this.generator = new SchemaGenerator(config.build());
    }

    /** Every event record Pulseloop publishes, by the file its schema lives in. */
    Map<Path, Class<?>> eventRecords() {
        Map<Path, Class<?>> records = new LinkedHashMap<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            if (topic.name().equals(Topics.CRM_INBOUND)) {
                continue; // the CRM's own CloudEvents: specified by the contract, not by our records
            }
            Class<?> type = topic.eventType();
            Class<?>[] members = type.isSealed() ? type.getPermittedSubclasses() : new Class<?>[] {type};
            for (Class<?> member : members) {
                records.put(Path.of(topic.name(), member.getSimpleName() + ".json"), member);
            }
        }
        return records;
    }

    ObjectNode generate(Class<?> record) {
        ObjectNode schema = generator.generateSchema(record);
        schema.put("title", record.getSimpleName());
        JsonTypeName typeName = record.getAnnotation(JsonTypeName.class);
        if (typeName != null) {
            ((ObjectNode) schema.with("properties")).putObject("eventType").put("const", typeName.value());
        }
        return schema;
    }

    JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readString(file));
    }

    void write(Path file, ObjectNode schema) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, schema.toPrettyString() + "\n");
    }

    /** What makes {@code current} unable to read data written against {@code baseline}; empty when compatible. */
    static List<String> incompatibilities(JsonNode baseline, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("", baseline, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode old, JsonNode now, List<String> problems) {
        if (old.has("type") && !old.get("type").equals(now.get("type"))) {
            problems.add(where(path) + " changed type from " + old.get("type") + " to " + now.get("type"));
            return;
        }
        if (old.has("$ref") && !old.get("$ref").equals(now.get("$ref"))) {
            problems.add(where(path) + " changed type from " + old.get("$ref") + " to " + now.get("$ref"));
            return;
        }
        if (old.has("enum")) {
            for (JsonNode value : old.get("enum")) {
                if (!contains(now.get("enum"), value)) {
                    problems.add(where(path) + " lost the value " + value);
                }
            }
        }
        compareMembers(path, "properties", old, now, problems, true);
        compareMembers(path, "$defs", old, now, problems, false);
        for (String nested : List.of("items", "additionalProperties")) {
            if (old.has(nested) && old.get(nested).isObject() && now.has(nested)) {
                compare(path + (nested.equals("items") ? "[]" : ".*"), old.get(nested), now.get(nested), problems);
            }
        }
    }

    private static void compareMembers(String path, String member, JsonNode old, JsonNode now,
            List<String> problems, boolean mustRemain) {
        if (!old.has(member)) {
            return;
        }
        JsonNode current = now.path(member);
        for (Iterator<Map.Entry<String, JsonNode>> it = old.get(member).fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String child = member.equals("$defs") ? "$defs." + entry.getKey()
                    : path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            if (current.has(entry.getKey())) {
                compare(child, entry.getValue(), current.get(entry.getKey()), problems);
            } else if (mustRemain) {
                problems.add("field '" + child + "' was removed or renamed");
            }
        }
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        if (array == null) {
            return true; // no longer restricted to a list: every old value still reads
        }
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the event" : "field '" + path + "'";
    }
}
