package io.pulseloop.analytics;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Stands in for the identity provider: only the deliberate test identity {@value #ADMIN_TOKEN} (role ADMIN) is a
 * valid token; every other token is refused.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StaffAuthTestConfiguration {

    /** The bearer token of an ADMIN in tests. */
    public static final String ADMIN_TOKEN = "test-admin-token";

    @Bean
    JwtDecoder testJwtDecoder() {
        return token -> {
            if (!ADMIN_TOKEN.equals(token)) {
                throw new BadJwtException("no identity provider in tests");
            }
            return Jwt.withTokenValue(token).header("alg", "none").subject("admin").claim("roles", List.of("ADMIN"))
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600)).build();
        };
    }
}
