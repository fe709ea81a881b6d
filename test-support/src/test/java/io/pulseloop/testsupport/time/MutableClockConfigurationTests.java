package io.pulseloop.testsupport.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MutableClockConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(ServiceConfiguration.class, MutableClockConfiguration.class);

    @Test
    void replacesTheServicesClockWhereAClockIsInjected() {
        this.contexts.run(context -> {
            MutableClock testClock = context.getBean(MutableClock.class);
            ServiceUsingTime service = context.getBean(ServiceUsingTime.class);

            testClock.advance(Duration.ofDays(3));

            assertThat(context.getBean(Clock.class)).isSameAs(testClock);
            assertThat(service.now()).isEqualTo(testClock.instant().toString());
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ServiceConfiguration {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        ServiceUsingTime serviceUsingTime(Clock clock) {
            return new ServiceUsingTime(clock);
        }
    }

    record ServiceUsingTime(Clock clock) {

        String now() {
            return this.clock.instant().toString();
        }
    }
}
