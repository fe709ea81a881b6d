package io.pulseloop.closedloop.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import io.pulseloop.closedloop.tasks.domain.FollowUpPolicy;
import io.pulseloop.closedloop.tasks.domain.Priority;

/** The shipped {@code application.yml} and its {@code local} profile bind to the rules the contract names. */
class FollowUpPropertiesTests {

    @Test
    void defaultsCountWorkingHoursInPrague() throws IOException {
        FollowUpPolicy policy = bind(false).policy();

        assertThat(policy.maxAttempts()).isEqualTo(3);
        assertThat(policy.calendar().zone().getId()).isEqualTo("Europe/Prague");
        assertThat(policy.due().dueAt(Priority.URGENT, Instant.parse("2026-11-27T14:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T09:30:00Z"));
        assertThat(policy.rootCauses()).contains("BILLING", "OTHER");
    }

    @Test
    void localProfileReplacesEveryDueTimeByTenMinutesOfPlainTime() throws IOException {
        FollowUpProperties local = bind(true);

        assertThat(local.dueOverride()).isEqualTo(Duration.ofMinutes(10));
        Instant saturday = Instant.parse("2026-11-28T22:00:00Z");
        assertThat(local.policy().due().dueAt(Priority.LOW, saturday)).isEqualTo(saturday.plusSeconds(600));
    }

    private static FollowUpProperties bind(boolean local) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        List<String> files = local ? List.of("application-local.yml", "application.yml") : List.of("application.yml");
        for (String file : files) {
            for (PropertySource<?> source : yaml.load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addLast(source);
            }
        }
        return new Binder(ConfigurationPropertySources.get(environment), new org.springframework.boot.context
                .properties.bind.PropertySourcesPlaceholdersResolver(environment))
                .bindOrCreate("pulseloop.followup", FollowUpProperties.class);
    }
}
