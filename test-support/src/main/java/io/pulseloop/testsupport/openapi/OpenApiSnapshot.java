package io.pulseloop.testsupport.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a service's {@code /v3/api-docs} with the committed {@code docs/openapi/<service>.json}, so that a change
 * to the HTTP API shows as a diff in review.
 *
 * <pre>{@code
 * @Test
 * void servesTheCommittedOpenApiDocumentWithoutAuthentication() {
 *     HttpResponse<String> docs = http.get("/v3/api-docs");            // no Authorization header
 *     assertThat(docs.statusCode()).isEqualTo(200);
 *     OpenApiSnapshot.assertMatches("crm-sync-service", docs.body());
 * }
 * }</pre>
 *
 * The document is normalised first: object members sorted by name, pretty-printed, the {@code servers} (which name
 * the test's random port) removed. To accept a change, run the test with {@code -Dopenapi.update=true}
 * ({@code ./mvnw -o -pl crm-sync-service test -Dtest=OpenApiDocumentIntegrationTests -Dopenapi.update=true}): it
 * rewrites the snapshot and passes; review and commit the diff. A missing snapshot fails with the same hint.
 */
public final class OpenApiSnapshot {

    /** The system property that rewrites the snapshot instead of comparing. */
    public static final String UPDATE = "openapi.update";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private OpenApiSnapshot() {
    }

    /** Asserts that the document equals {@code docs/openapi/<service>.json}, or rewrites it under {@value #UPDATE}. */
    public static void assertMatches(String service, String apiDocs) {
        Path snapshot = snapshotOf(service);
        String actual = normalise(apiDocs);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(snapshot.getParent());
                Files.writeString(snapshot, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(snapshot).as("the committed OpenAPI document of %s; create it with -D%s=true", service, UPDATE)
                    .exists();
            assertThat(actual).as("%s's OpenAPI document differs from %s; if the change is intended, run the test with "
                    + "-D%s=true and commit the diff", service, snapshot, UPDATE)
                    .isEqualTo(Files.readString(snapshot, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document with sorted members, without {@code servers}, pretty-printed with a final newline. */
    public static String normalise(String apiDocs) {
        JsonNode tree = JSON.readTree(apiDocs);
        if (tree instanceof ObjectNode root) {
            root.remove("servers");
        }
        return JSON.writeValueAsString(sorted(tree)) + "\n";
    }

    /** {@code docs/openapi/<service>.json} of the repository the test runs in. */
    public static Path snapshotOf(String service) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !(Files.isDirectory(directory.resolve("docs")) && Files.exists(directory.resolve("mvnw")))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("No repository root (docs/ and mvnw) above " + Path.of("").toAbsolutePath());
        }
        return directory.resolve("docs").resolve("openapi").resolve(service + ".json");
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(member -> members.put(member.getKey(), sorted(member.getValue())));
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            members.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
