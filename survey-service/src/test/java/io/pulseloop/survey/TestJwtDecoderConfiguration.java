package io.pulseloop.survey;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Outside the {@code local} profile the service needs a JWT decoder; tests authenticate with spring-security-test's
 * {@code jwt()}, so real tokens never reach this one.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJwtDecoderConfiguration {

    @Bean
    JwtDecoder testJwtDecoder() {
        return token -> {
            throw new BadJwtException("tests authenticate with spring-security-test's jwt()");
        };
    }
}
