package io.pulseloop.analytics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;

/**
 * The one Spring context this module's integration tests share: the whole service on a random port, against
 * the shared real Kafka broker and MongoDB server, with a JWT decoder that accepts only the test ADMIN's token, and
 * a recorder of the MongoDB commands (hot paths must be {@code _id} lookups).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import({StaffAuthTestConfiguration.class, MongoCommandRecorder.Configuration.class})
public @interface AnalyticsIntegrationTest {
}
