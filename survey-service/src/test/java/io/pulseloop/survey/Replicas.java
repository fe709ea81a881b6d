package io.pulseloop.survey;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.pulseloop.testsupport.infrastructure.RealInfrastructureInitializer;
import io.pulseloop.testsupport.time.MutableClock;

/**
 * Starts survey-service instances of its own, like replicas or restarts of one deployment: they share a MongoDB
 * database on purpose ({@code pulseloop.test.mongo-database}) and a test clock, poll nothing by themselves (tests tick
 * them), and leave the Kafka consumers stopped so that they never take partitions from the cached test context.
 */
public final class Replicas {

    private static MutableClock clock;

    private Replicas() {
    }

    /**
     * A new instance on the shared infrastructure.
     *
     * @param database   the MongoDB database, the same for instances of one deployment
     * @param smtpPort   where its SMTP relay listens
     * @param testClock  the clock every instance started afterwards reads
     * @param properties further {@code name=value} properties
     */
    public static ConfigurableApplicationContext start(String database, int smtpPort, MutableClock testClock,
            String... properties) {
        clock = testClock;
        List<String> all = new ArrayList<>(List.of(
                RealInfrastructureInitializer.MONGO_DATABASE_PROPERTY + "=" + database,
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + smtpPort,
                "server.port=0",
                "pulseloop.survey.scheduling.enabled=false",
                "spring.cloud.stream.bindings.crmContacts-in-0.consumer.auto-startup=false",
                "spring.cloud.stream.bindings.responses-in-0.consumer.auto-startup=false",
                "spring.cloud.stream.bindings.crmContacts-in-0.group=survey-service-replica-tests",
                "spring.cloud.stream.bindings.responses-in-0.group=survey-service-replica-tests"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(SurveyApplication.class, TestJwtDecoderConfiguration.class,
                SharedClockConfiguration.class)
                .initializers(new RealInfrastructureInitializer())
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new));
    }

    /** Gives every replica the same test clock. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SharedClockConfiguration {

        @Bean
        @Primary
        MutableClock replicaClock() {
            return clock;
        }
    }
}
