package io.pulseloop.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Keeps the committed JSON Schemas and the event records in step. After an additive change, regenerate with
 * {@code ./mvnw -pl common-events test -Dtest=EventSchemaTests -Dpulseloop.schemas.write=true} and commit the
 * schema with the record. An incompatible change is refused even then: publish a new topic version instead.
 */
class EventSchemaTests {

    private static final boolean WRITE = Boolean.getBoolean("pulseloop.schemas.write");
    private final EventSchemas schemas = new EventSchemas();

    @Test
    void everyEventRecordHasItsCommittedSchema() throws IOException {
        List<String> drift = new ArrayList<>();
        for (Map.Entry<Path, Class<?>> entry : schemas.eventRecords().entrySet()) {
            Path file = EventSchemas.COMMITTED.resolve(entry.getKey());
            ObjectNode generated = schemas.generate(entry.getValue());
            if (WRITE && (!Files.exists(file) || EventSchemas.incompatibilities(schemas.read(file), generated).isEmpty())) {
                schemas.write(file, generated);
            }
            if (!Files.exists(file)) {
                drift.add(entry.getKey() + " has no committed schema");
            } else if (!schemas.read(file).equals(generated)) {
                drift.add(entry.getKey() + " differs from " + entry.getValue().getSimpleName());
            }
        }
        assertThat(drift)
                .as("Records changed without their schemas. Regenerate with -Dpulseloop.schemas.write=true "
                        + "(refused for incompatible changes) and commit them together")
                .isEmpty();
    }

    @Test
    void everyEventRecordReadsWhatItsCommittedSchemaAllowed() throws IOException {
        List<String> incompatible = new ArrayList<>();
        for (Map.Entry<Path, Class<?>> entry : schemas.eventRecords().entrySet()) {
            Path file = EventSchemas.COMMITTED.resolve(entry.getKey());
            if (Files.exists(file)) {
                EventSchemas.incompatibilities(schemas.read(file), schemas.generate(entry.getValue()))
                        .forEach(problem -> incompatible.add(entry.getKey() + ": " + problem));
            }
        }
        assertThat(incompatible)
                .as("Incompatible event changes: a field may be added, never removed, renamed or retyped. "
                        + "Publish the new shape on a new topic version (<domain>.<stream>.v<N+1>) instead")
                .isEmpty();
    }

    @Test
    void noCommittedSchemaIsLeftWithoutItsRecord() throws IOException {
        try (Stream<Path> files = Files.walk(EventSchemas.COMMITTED)) {
            List<Path> committed = files.filter(p -> p.toString().endsWith(".json"))
                    .map(EventSchemas.COMMITTED::relativize).toList();
            assertThat(schemas.eventRecords().keySet())
                    .as("A committed schema whose record disappeared is a removed event")
                    .containsAll(committed);
        }
    }

    @Test
    void detectsRemovedRenamedAndRetypedFields() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode baseline = json.readTree("""
                {"type":"object","properties":{"score":{"type":"integer"},"comment":{"type":"string"},
                 "metric":{"type":"string","enum":["NPS","CSAT"]}}}""");
        JsonNode changed = json.readTree("""
                {"type":"object","properties":{"score":{"type":"string"},"remark":{"type":"string"},
                 "metric":{"type":"string","enum":["NPS"]},"added":{"type":"integer"}}}""");
        JsonNode additive = json.readTree("""
                {"type":"object","properties":{"score":{"type":"integer"},"comment":{"type":"string"},
                 "metric":{"type":"string","enum":["NPS","CSAT","CES"]},"added":{"type":"integer"}}}""");

        assertThat(EventSchemas.incompatibilities(baseline, changed)).containsExactlyInAnyOrder(
                "field 'score' changed type from \"integer\" to \"string\"",
                "field 'comment' was removed or renamed",
                "field 'metric' lost the value \"CSAT\"");
        assertThat(EventSchemas.incompatibilities(baseline, additive)).isEmpty();
    }
}
