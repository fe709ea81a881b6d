package io.pulseloop.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class JwtTestTokensTests {

    final JwtTestTokens tokens = JwtTestTokens.shared();

    @Test
    void signsTokensThatTheIssuersDiscoveredDecoderAccepts() {
        JwtDecoder decoder = tokens.decoder();

        Jwt jwt = decoder.decode(tokens.token("owner-5", "AGENT", "MANAGER"));

        assertThat(jwt.getSubject()).isEqualTo("owner-5");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("AGENT", "MANAGER");
        assertThat(jwt.getIssuer().toString()).isEqualTo(tokens.issuerUri());
    }

    @Test
    void decodesWithTheLocalDecoderAsWithTheDiscoveredOne() {
        Jwt jwt = tokens.localDecoder().decode(tokens.token("owner-6", "ADMIN"));

        assertThat(jwt.getSubject()).isEqualTo("owner-6");
        assertThatThrownBy(() -> tokens.localDecoder().decode(tokens.forgedToken("owner-6", "ADMIN")))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.localDecoder().decode(tokens.expiredToken("owner-6", "ADMIN")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void makesExpiredForgedAndForeignTokensThatTheDecoderRefuses() {
        JwtDecoder decoder = tokens.decoder();

        assertThatThrownBy(() -> decoder.decode(tokens.expiredToken("owner-5", "AGENT"))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(tokens.forgedToken("owner-5", "AGENT"))).isInstanceOf(JwtException.class);
        try (JwtTestTokens other = JwtTestTokens.startAnother()) {
            assertThatThrownBy(() -> decoder.decode(other.token("owner-5", "AGENT"))).isInstanceOf(JwtException.class);
        }
    }
}
