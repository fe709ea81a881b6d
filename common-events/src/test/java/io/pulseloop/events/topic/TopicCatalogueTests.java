package io.pulseloop.events.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The catalogue is the one list of topics: the AsyncAPI document describes exactly it, and every binding of
 * every service reads or writes a topic in it.
 */
class TopicCatalogueTests {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> NAMES = new HashSet<>(Topics.ALL.stream().map(TopicSpec::name).toList());

    @Test
    void namesFollowTheConvention() {
        assertThat(NAMES).allMatch(name -> name.matches("[a-z]+\\.[a-z-]+\\.v[0-9]+"),
                "<domain>.<stream>.v<N>");
        assertThat(Topics.ALL).extracting(TopicSpec::name).doesNotHaveDuplicates();
    }

    @Test
    @SuppressWarnings("unchecked")
    void asyncApiDocumentDescribesEveryTopicDeadLetterTopicAndEvent() throws IOException {
        Map<String, Object> doc;
        try (Reader reader = Files.newBufferedReader(PROJECT.resolve("docs/asyncapi.yaml"))) {
            doc = new Yaml().load(reader);
        }
        assertThat(doc.get("asyncapi").toString()).startsWith("3.");
        Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) doc.get("channels");
        List<String> addresses = channels.values().stream().map(c -> (String) c.get("address")).toList();
        Set<String> expected = new HashSet<>(NAMES);
        expected.add(Topics.CRM_INBOUND_DLQ);
        expected.addAll(declaredDeadLetterTopics());
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);

        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("messages");
        for (TopicSpec<?> topic : Topics.ALL) {
            if (topic.name().equals(Topics.CRM_INBOUND)) {
                continue;
            }
            Class<?> type = topic.eventType();
            for (Class<?> event : type.isSealed() ? type.getPermittedSubclasses() : new Class<?>[] {type}) {
                assertThat(messages).as("AsyncAPI message for %s", event.getSimpleName())
                        .containsKey(event.getSimpleName());
            }
        }
    }

    @Test
    void everyBindingDestinationIsInTheCatalogue() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Path yml : applicationYamls()) {
            for (Object document : loadAll(yml)) {
                collect(document, "", (key, value) -> {
                    if (key.endsWith(".destination")) {
                        for (String topic : value.split(",")) {
                            if (!NAMES.contains(topic.trim())) {
                                unknown.add(PROJECT.relativize(yml) + ": " + key + " = " + topic.trim());
                            }
                        }
                    }
                    if (key.endsWith(".dlq-name") || key.endsWith(".dlqName")) {
                        if (!isDeadLetterTopic(value)) {
                            unknown.add(PROJECT.relativize(yml) + ": " + key + " = " + value);
                        }
                    }
                });
            }
        }
        assertThat(unknown).as("destinations outside io.pulseloop.events.topic.Topics").isEmpty();
    }

    @Test
    void everyServiceReadsExactlyTheTopicsTheCatalogueNamesItAConsumerOf() throws IOException {
        Map<String, Set<String>> read = new java.util.TreeMap<>();
        for (Path yml : applicationYamls()) {
            String service = PROJECT.relativize(yml).getName(0).toString();
            if (!service.endsWith("-service")) {
                continue;
            }
            for (Object document : loadAll(yml)) {
                collect(document, "", (key, value) -> {
                    if (key.matches("spring\\.cloud\\.stream\\.bindings\\.[^.]+-in-\\d+\\.destination")) {
                        for (String topic : value.split(",")) {
                            read.computeIfAbsent(service, any -> new java.util.TreeSet<>()).add(topic.trim());
                        }
                    }
                });
            }
        }
        Map<String, Set<String>> catalogued = new java.util.TreeMap<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            // the data keys are read by service-platform's own listener in every service that opens sealed fields,
            // not through a binding
            if (!topic.name().equals(Topics.PRIVACY_CONTACT_KEYS)) {
                topic.consumers().forEach(service -> catalogued.computeIfAbsent(service, any -> new java.util.TreeSet<>())
                        .add(topic.name()));
            }
        }
        assertThat(read).as("input bindings by service (application*.yml)").isNotEmpty();
        assertThat(catalogued).as("Topics.ALL's consumers, which docs/asyncapi.yaml states")
                .isEqualTo(read);
    }

    private static Set<String> declaredDeadLetterTopics() throws IOException {
        Set<String> dlqs = new HashSet<>();
        for (Path yml : applicationYamls()) {
            for (Object document : loadAll(yml)) {
                collect(document, "", (key, value) -> {
                    if (key.endsWith(".dlq-name") || key.endsWith(".dlqName")) {
                        dlqs.add(value);
                    }
                });
            }
        }
        return dlqs;
    }

    private static boolean isDeadLetterTopic(String name) {
        if (name.equals(Topics.CRM_INBOUND_DLQ)) {
            return true;
        }
        return name.endsWith(Topics.DLQ_SUFFIX) && NAMES.stream().anyMatch(topic -> name.startsWith(topic + "."));
    }

    private static List<Path> applicationYamls() throws IOException {
        try (Stream<Path> modules = Files.list(PROJECT)) {
            List<Path> files = new ArrayList<>();
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path resources = module.resolve("src/main/resources");
                if (Files.isDirectory(resources)) {
                    try (Stream<Path> found = Files.list(resources)) {
                        found.filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml"))
                                .forEach(files::add);
                    }
                }
            }
            return files;
        }
    }

    private static Iterable<Object> loadAll(Path yml) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(yml)) {
            new Yaml().loadAll(reader).forEach(documents::add);
        }
        return documents;
    }

    private static void collect(Object node, String path, java.util.function.BiConsumer<String, String> sink) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, sink));
        } else if (node instanceof Collection<?> list) {
            list.forEach(v -> collect(v, path, sink));
        } else if (node != null) {
            sink.accept(path, node.toString());
        }
    }
}
