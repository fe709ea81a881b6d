package io.pulseloop.testsupport.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

class RealInfrastructureInitializerIntegrationTests {

    private final RealInfrastructureInitializer initializer = new RealInfrastructureInitializer();

    @Test
    void givesEveryContextADatabaseOfItsOwn() {
        try (GenericApplicationContext first = new GenericApplicationContext();
                GenericApplicationContext second = new GenericApplicationContext()) {
            this.initializer.initialize(first);
            this.initializer.initialize(second);

            String firstDatabase = first.getEnvironment().getProperty("spring.mongodb.database");
            String secondDatabase = second.getEnvironment().getProperty("spring.mongodb.database");
            assertThat(firstDatabase).matches("test-[0-9a-f]{12}");
            assertThat(secondDatabase).matches("test-[0-9a-f]{12}").isNotEqualTo(firstDatabase);
            assertThat(first.getEnvironment().getProperty("spring.mongodb.uri")).endsWith("/" + firstDatabase);
        }
    }

    @Test
    void letsContextsShareADatabaseOnPurpose() {
        try (GenericApplicationContext replicaOne = contextNaming("scheduler-replicas");
                GenericApplicationContext replicaTwo = contextNaming("scheduler-replicas")) {
            this.initializer.initialize(replicaOne);
            this.initializer.initialize(replicaTwo);

            assertThat(replicaOne.getEnvironment().getProperty("spring.mongodb.database"))
                    .isEqualTo(replicaTwo.getEnvironment().getProperty("spring.mongodb.database"))
                    .isEqualTo("scheduler-replicas");
        }
    }

    @Test
    void winsOverPropertiesTheContextAlreadyHas() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("spring.kafka.bootstrap-servers", "elsewhere:9092")));

            this.initializer.initialize(context);
            context.refresh();

            assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(SharedInfrastructure.get().kafkaBootstrapServers());
            assertThat(context.getBean(Infrastructure.class)).isSameAs(SharedInfrastructure.get());
        }
    }

    private static GenericApplicationContext contextNaming(String database) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of(RealInfrastructureInitializer.MONGO_DATABASE_PROPERTY, database)));
        return context;
    }
}
