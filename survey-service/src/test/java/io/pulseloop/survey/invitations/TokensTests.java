package io.pulseloop.survey.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokensTests {

    @Test
    void issuesUrlSafeTokensOfAtLeast128Bits() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String token = Tokens.issue();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
            tokens.add(token);
        }
        assertThat(tokens).hasSize(1_000);
    }

    @Test
    void hashesAsLowercaseHexSha256OfTheTokensUtf8Bytes() {
        assertThat(Tokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sealsTheTokenForTheReminderAndDetectsTampering() {
        TokenSealer sealer = new TokenSealer(TokenSealer.newKey());
        String token = Tokens.issue();
        String sealed = sealer.seal(token);
        assertThat(sealed).doesNotContain(token);
        assertThat(sealer.open(sealed)).isEqualTo(token);
        assertThatThrownBy(() -> new TokenSealer(TokenSealer.newKey()).open(sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
