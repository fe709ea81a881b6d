package io.pulseloop.platform.environment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Applies the platform's environment:
 *
 * <ul>
 * <li><b>The MongoDB database comes from the URI</b> (issue 11 #7): a database named in {@code spring.mongodb.uri}
 * ({@code SPRING_MONGODB_URI}) wins; the service's default ({@code pulseloop.mongodb.default-database}, or a
 * {@code spring.mongodb.database} it still pins) applies only when the URI names none. Spring Boot alone lets
 * {@code spring.mongodb.database} override the URI's database, so an operator's URI was silently ignored.</li>
 * <li><b>Defaults</b>, below everything a service or operator sets: Kafka template and listener observation (the
 * trace context travels in record headers, the trace id appears in the log pattern), sampling of every trace, and
 * the liveness/readiness health groups.</li>
 * </ul>
 */
public class PlatformEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Runs after the configuration files are loaded. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.kafka.template.observation-enabled", "true",
            "spring.kafka.listener.observation-enabled", "true",
            "spring.cloud.stream.kafka.binder.enable-observation", "true",
            "management.tracing.sampling.probability", "1.0",
            "management.endpoint.health.probes.enabled", "true");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("pulseloopPlatformDefaults", DEFAULTS));
        String database = MongoDatabaseFromUri.resolve(environment.getProperty("spring.mongodb.uri"),
                environment.getProperty("spring.mongodb.database"),
                environment.getProperty("pulseloop.mongodb.default-database"));
        if (database != null) {
            Map<String, Object> chosen = new LinkedHashMap<>();
            chosen.put("spring.mongodb.database", database);
            environment.getPropertySources().addFirst(new MapPropertySource("pulseloopMongoDatabase", chosen));
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
