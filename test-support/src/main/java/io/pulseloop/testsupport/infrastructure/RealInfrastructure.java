package io.pulseloop.testsupport.infrastructure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/**
 * Connects a {@code @SpringBootTest} to the {@link SharedInfrastructure}: Kafka (plain Spring Kafka and the Spring
 * Cloud Stream Kafka binder) and MongoDB, with a MongoDB database of its own per application context.
 *
 * <pre>{@code
 * @SpringBootTest
 * @RealInfrastructure
 * class InvitationSchedulingIntegrationTests { ... }
 * }</pre>
 *
 * <p>The properties it sets, and how to share a database on purpose, are described on
 * {@link RealInfrastructureInitializer}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface RealInfrastructure {
}
