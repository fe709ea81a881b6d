package io.pulseloop.survey;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import io.pulseloop.testsupport.security.JwtTestTokens;

/**
 * Outside the {@code local} profile the service needs the JWT issuer: the test issuer of {@link JwtTestTokens}, whose
 * tokens the service decodes as in production. (MockMvc tests may still authenticate with spring-security-test's
 * {@code jwt()}.)
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(JwtTestTokens.DecoderConfiguration.class)
public class TestJwtDecoderConfiguration {
}
