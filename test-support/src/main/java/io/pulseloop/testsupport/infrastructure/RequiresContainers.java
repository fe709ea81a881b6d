package io.pulseloop.testsupport.infrastructure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs real Kafka and MongoDB (transactions, change streams, TTL expiry, ...): it
 * runs only when the {@link SharedInfrastructure} mode is {@link InfrastructureMode#CONTAINERS}, and is reported as
 * skipped otherwise, with the reason (e.g. {@code no Docker engine answered}). Deciding starts nothing.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresContainersCondition.class)
public @interface RequiresContainers {

    /**
     * What the test needs from the real servers, for the skip message, e.g. {@code "multi-document transactions"}.
     *
     * @return the need, or empty
     */
    String value() default "";
}
