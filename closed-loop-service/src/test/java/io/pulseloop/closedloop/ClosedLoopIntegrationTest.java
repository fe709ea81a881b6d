package io.pulseloop.closedloop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.security.JwtTestTokens;
import io.pulseloop.testsupport.time.MutableClockConfiguration;

/**
 * The one Spring context this module's integration tests share: the whole service on a random port, against the
 * shared real Kafka broker and MongoDB server, GreenMail and WireMock as alert peers ({@link AlertPeers}, applied to every test context through {@code META-INF/spring.factories}), a
 * {@code MutableClock}, and a JWT decoder that trusts test-support's OpenID issuer ({@link TestTokens}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import({JwtTestTokens.DecoderConfiguration.class, MutableClockConfiguration.class})
public @interface ClosedLoopIntegrationTest {
}
