package io.pulseloop.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service really is, read from its own module: the port ({@code server.port}), the properties it sets, the
 * environment variables its {@code application*.yml} read through {@code ${NAME...}} placeholders, its MongoDB
 * database, its dead-letter topics, whether it sends mail, and the jar the build writes.
 *
 * @param name                  the module (and service) name
 * @param port                  {@code server.port}
 * @param properties            every property of {@code application.yml}, flattened to dotted keys, and every
 *                              property its placeholders refer to (value null)
 * @param requiredPlaceholders  environment variables read by {@code application.yml} (every profile runs them)
 * @param profilePlaceholders   environment variables read only by a profile's file ({@code application-local.yml})
 * @param mongoDatabase         its own database: {@code pulseloop.mongodb.default-database} (service-platform: used
 *                              when the URI names none), else {@code spring.mongodb.database}
 * @param deadLetterTopics      every {@code dlq-name} of its bindings
 * @param sendsMail             whether it depends on {@code spring-boot-starter-mail} (and so reads {@code spring.mail.*})
 * @param jar                   {@code <module>/target/<finalName>.jar}
 * @param shutdownPhase         {@code spring.lifecycle.timeout-per-shutdown-phase} (Spring's default: 30 s)
 */
record ServiceModule(String name, int port, Map<String, Object> properties, Set<String> requiredPlaceholders,
        Set<String> profilePlaceholders, String mongoDatabase, Set<String> deadLetterTopics, boolean sendsMail,
        String jar, Duration shutdownPhase) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PROPERTY_PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)[:}]");
    private static final Pattern ARTIFACT_ID = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");

    static List<ServiceModule> all() {
        return Repository.SERVICES.stream().map(ServiceModule::load).toList();
    }

    static ServiceModule named(String name) {
        return load(name);
    }

    static ServiceModule load(String name) {
        Path module = Repository.file(name);
        Path resources = module.resolve("src/main/resources");
        String mainYaml = Repository.read(resources.resolve("application.yml"));
        Map<String, Object> properties = new LinkedHashMap<>();
        Repository.yamlDocuments(mainYaml).forEach(document -> flatten("", document, properties));
        // a property only referenced (${pulseloop.analytics.generation-suffix:}) is read too, also from the environment
        Matcher referenced = PROPERTY_PLACEHOLDER.matcher(mainYaml);
        while (referenced.find()) {
            properties.putIfAbsent(referenced.group(1), null);
        }

        Set<String> required = placeholders(mainYaml);
        Set<String> profiles = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(resources)) {
            files.filter(file -> file.getFileName().toString().matches("application-.+\\.ya?ml"))
                    .forEach(file -> profiles.addAll(placeholders(Repository.read(file))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        profiles.removeAll(required);

        Set<String> deadLetters = new LinkedHashSet<>();
        properties.forEach((key, value) -> {
            if (key.endsWith(".dlq-name")) {
                deadLetters.add(String.valueOf(value));
            }
        });

        Object port = properties.get("server.port");
        if (port == null) {
            throw new IllegalStateException(name + ": no server.port in application.yml");
        }
        String pom = Repository.read(module.resolve("pom.xml"));
        Object shutdown = properties.get("spring.lifecycle.timeout-per-shutdown-phase");
        return new ServiceModule(name, Integer.parseInt(String.valueOf(port)), properties, required, profiles,
                withDefaults(String.valueOf(properties.getOrDefault("pulseloop.mongodb.default-database",
                        properties.get("spring.mongodb.database")))), deadLetters,
                pom.contains("<artifactId>spring-boot-starter-mail</artifactId>"), jarName(name, pom),
                shutdown == null ? Duration.ofSeconds(30) : parseDuration(String.valueOf(shutdown)));
    }

    /** Every environment variable the service reads from its configuration files, whatever the profile. */
    Set<String> placeholders() {
        Set<String> all = new LinkedHashSet<>(requiredPlaceholders);
        all.addAll(profilePlaceholders);
        return all;
    }

    /** {@code target/<finalName>.jar}: the root pom's {@code finalName} with the module's artifactId in it. */
    private static String jarName(String module, String pom) {
        Matcher artifact = ARTIFACT_ID.matcher(pom);
        if (!artifact.find()) {
            throw new IllegalStateException(module + ": no artifactId in pom.xml");
        }
        Matcher finalName = FINAL_NAME.matcher(Repository.read(Repository.file("pom.xml")));
        String name = finalName.find() ? finalName.group(1) : "${project.artifactId}-${project.version}";
        return "target/" + name.replace("${project.artifactId}", artifact.group(1)) + ".jar";
    }

    /** {@code ${some.property:default}} → its default, as Spring resolves it when nothing sets the property. */
    private static String withDefaults(String value) {
        return value.replaceAll("\\$\\{[^}:]+:([^}]*)}", "$1");
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(path, (Map<String, Object>) nested, into);
            } else {
                into.put(path, value);
            }
        });
    }

    private static Duration parseDuration(String value) {
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m)?").matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Unreadable duration " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2) == null ? "ms" : matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        };
    }
}
