package io.pulseloop.platform.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformEnvironmentPostProcessorTests {

    static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", new HashMap<>(properties)));
        new PlatformEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void takesTheDatabaseTheUriNamesOverThePinnedOne() {
        StandardEnvironment environment = environment(Map.of(
                "spring.mongodb.uri", "mongodb://mongo.internal:27017/feedback-prod?retryWrites=true",
                "spring.mongodb.database", "crm-sync",
                "pulseloop.mongodb.default-database", "crm-sync"));

        assertThat(environment.getProperty("spring.mongodb.database")).isEqualTo("feedback-prod");
    }

    @Test
    void fallsBackToTheServicesDefaultWhenTheUriNamesNone() {
        StandardEnvironment environment = environment(Map.of(
                "spring.mongodb.uri", "mongodb://mongo.internal:27017/",
                "pulseloop.mongodb.default-database", "survey"));

        assertThat(environment.getProperty("spring.mongodb.database")).isEqualTo("survey");
    }

    @Test
    void keepsAPinnedDatabaseWhenTheUriNamesNone() {
        StandardEnvironment environment = environment(Map.of(
                "spring.mongodb.uri", "mongodb://localhost:27017",
                "spring.mongodb.database", "analytics",
                "pulseloop.mongodb.default-database", "other"));

        assertThat(environment.getProperty("spring.mongodb.database")).isEqualTo("analytics");
    }

    @Test
    void addsObservationAndProbeDefaultsBelowWhatTheServiceSets() {
        StandardEnvironment environment = environment(Map.of("management.tracing.sampling.probability", "0.1"));

        assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
    }
}
