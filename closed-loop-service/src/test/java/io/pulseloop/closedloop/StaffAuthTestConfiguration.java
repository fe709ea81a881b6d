package io.pulseloop.closedloop;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Stands in for the identity provider: no token is valid, so only the deliberate test identities get in. */
@TestConfiguration(proxyBeanMethods = false)
class StaffAuthTestConfiguration {

    @Bean
    JwtDecoder refusingJwtDecoder() {
        return token -> {
            throw new BadJwtException("no identity provider in tests");
        };
    }
}
