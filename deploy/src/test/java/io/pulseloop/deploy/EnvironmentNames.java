package io.pulseloop.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which environment variables a service really reads, so a deployment file that sets a misspelt or foreign one
 * (which Spring would silently ignore) fails a test. A name is read when it is
 * <ul>
 *   <li>a {@code ${NAME}} placeholder of the service's {@code application*.yml};</li>
 *   <li>the relaxed-binding form of a property its {@code application.yml} sets (contract §1:
 *       {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} → {@code spring.kafka.bootstrap-servers}); the {@code spring.mail.*}
 *       connection properties count for a service that depends on the mail starter;</li>
 *   <li>Boot's OAuth2 client properties ({@code SPRING_SECURITY_OAUTH2_CLIENT_*}) for a service with staff pages
 *       ({@code pulseloop.security.page-paths}): the pages' OAuth2 login;</li>
 *   <li>one of the few the JVM or Spring Boot read in every web application ({@code JAVA_TOOL_OPTIONS},
 *       {@code SPRING_PROFILES_ACTIVE}, {@code SERVER_FORWARD_HEADERS_STRATEGY}, {@code LOGGING_LEVEL_*}).</li>
 * </ul>
 */
final class EnvironmentNames {

    /** Contract §1: the variables by which an operator points a service at its surroundings. */
    static final List<String> CONTRACT = List.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_MONGODB_URI",
            "SPRING_MAIL_HOST", "SPRING_MAIL_PORT", "PULSELOOP_CRM_BASE_URL", "PULSELOOP_CRM_TOKEN",
            "PULSELOOP_PUBLIC_BASE_URL", "PULSELOOP_INBOX_BASE_URL", "PULSELOOP_JWT_ISSUER_URI",
            "PULSELOOP_CRM_WEBHOOK_SECRET");
    private static final Set<String> EVERYWHERE = Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE",
            "SERVER_FORWARD_HEADERS_STRATEGY");
    private static final Set<String> MAIL = Set.of("spring.mail.host", "spring.mail.port", "spring.mail.username",
            "spring.mail.password");

    private EnvironmentNames() {
    }

    static boolean readBy(ServiceModule service, String name) {
        if (EVERYWHERE.contains(name) || name.startsWith("LOGGING_LEVEL_") || service.placeholders().contains(name)) {
            return true;
        }
        if (name.startsWith("SPRING_SECURITY_OAUTH2_CLIENT_")) {
            // the platform's staff pages sign in with Boot's OAuth2 client when a registration is configured
            return service.properties().keySet().stream().anyMatch(key -> key.startsWith("pulseloop.security.page-paths"));
        }
        Set<String> properties = new LinkedHashSet<>(service.properties().keySet());
        if (service.sendsMail()) {
            properties.addAll(MAIL);
        }
        String relaxed = canonical(name);
        return properties.stream().anyMatch(property -> canonical(property).equals(relaxed));
    }

    /**
     * The environment variables every deployment must give the service: those of contract §1 that it reads
     * (infrastructure endpoints, the CRM, link bases, the JWT issuer), every secret it reads (so that an operator
     * can set it from a Secret), and the replication factor of the topics it creates. Other placeholders are
     * tuning knobs with working defaults, and profile files (such as {@code application-local.yml}) are for the
     * one-command mode: both stay optional.
     */
    static Set<String> requiredBy(ServiceModule service) {
        Set<String> required = new LinkedHashSet<>();
        CONTRACT.stream().filter(name -> readBy(service, name)).forEach(required::add);
        service.requiredPlaceholders().stream().filter(EnvironmentNames::secret).forEach(required::add);
        if (service.requiredPlaceholders().contains("PULSELOOP_KAFKA_REPLICATION_FACTOR")) {
            required.add("PULSELOOP_KAFKA_REPLICATION_FACTOR");
        }
        return required;
    }

    /** Whether a variable holds a secret, which must come from a Secret (Kubernetes) or the environment (compose). */
    static boolean secret(String name) {
        return name.contains("SECRET") || name.contains("TOKEN") || name.contains("PASSWORD") || name.endsWith("_KEK");
    }

    /** Spring's relaxed binding: case, dots, dashes and underscores do not matter. */
    private static String canonical(String name) {
        return name.replaceAll("[._\\-\\[\\]]", "").toUpperCase(Locale.ROOT);
    }
}
