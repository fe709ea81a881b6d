package io.pulseloop.testsupport.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points an application context at the {@link SharedInfrastructure}, starting it if needed. Usually applied through
 * {@link RealInfrastructure}.
 *
 * <p>Adds a property source with the highest precedence (over {@code application.yml}, test properties and
 * environment variables) holding:
 * <ul>
 * <li>{@code spring.kafka.bootstrap-servers} and {@code spring.cloud.stream.kafka.binder.brokers}: the shared broker;</li>
 * <li>{@code spring.mongodb.uri} (with the database) and {@code spring.mongodb.database}: a database unique to this
 * context, {@code test-<12 hex digits>}, unless the context already has the property {@value #MONGO_DATABASE_PROPERTY}
 * (e.g. from {@code @SpringBootTest(properties = ...)}), whose value is then the database: two contexts that name the
 * same database share it on purpose, like two replicas of one service;</li>
 * <li>{@value #MONGO_DATABASE_PROPERTY}: the database chosen.</li>
 * </ul>
 * and {@value #KEK_PROPERTY}, the development key-encryption key, unless the context has one already.
 * It also registers the {@link Infrastructure} as a bean, for tests that talk to the servers directly.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Property naming the MongoDB database a context uses; set it to share one database between contexts. */
    public static final String MONGO_DATABASE_PROPERTY = "pulseloop.test.mongo-database";

    /** The key-encryption key of contacts' personal data in events ({@code PULSELOOP_PII_KEK}). */
    public static final String KEK_PROPERTY = "pulseloop.pii.kek";

    /** The key-encryption key of the tests: the platform's fixed development KEK, never for real data. */
    public static final String TEST_KEK = "cHVsc2Vsb29wLWxvY2FsLWRldi1rZWstMzItYnl0ZXM=";

    /** Name of the property source this initializer adds. */
    public static final String PROPERTY_SOURCE_NAME = "pulseloopTestInfrastructure";

    /** Name of the {@link Infrastructure} bean this initializer registers. */
    public static final String INFRASTRUCTURE_BEAN_NAME = "pulseloopTestInfrastructure";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Infrastructure infrastructure = SharedInfrastructure.get();
        ConfigurableEnvironment environment = context.getEnvironment();
        String database = environment.getProperty(MONGO_DATABASE_PROPERTY);
        if (database == null || database.isBlank()) {
            database = "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        properties.put("spring.cloud.stream.kafka.binder.brokers", infrastructure.kafkaBootstrapServers());
        properties.put("spring.mongodb.uri", infrastructure.mongoConnectionString(database));
        properties.put("spring.mongodb.database", database);
        properties.put(MONGO_DATABASE_PROPERTY, database);
        String kek = environment.getProperty(KEK_PROPERTY);
        if (kek == null || kek.isBlank()) {
            // the development key-encryption key (docs/privacy.md), unless the test set its own
            properties.put(KEK_PROPERTY, TEST_KEK);
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        context.getBeanFactory().registerSingleton(INFRASTRUCTURE_BEAN_NAME, infrastructure);
    }
}
