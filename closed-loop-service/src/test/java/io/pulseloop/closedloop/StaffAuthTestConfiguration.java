package io.pulseloop.closedloop;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Stands in for the identity provider: only tokens signed with {@link TestTokens}' key are valid. */
@TestConfiguration(proxyBeanMethods = false)
class StaffAuthTestConfiguration {

    @Bean
    JwtDecoder testJwtDecoder() {
        return NimbusJwtDecoder.withPublicKey(TestTokens.publicKey()).build();
    }
}
