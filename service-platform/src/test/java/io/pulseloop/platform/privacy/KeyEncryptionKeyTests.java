package io.pulseloop.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.Base64;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The KEK, the sealed-field format and where the KEK comes from: no infrastructure. */
class KeyEncryptionKeyTests {

    static final PulseloopPrivacyProperties NO_KEK = new PulseloopPrivacyProperties(true, null, null,
            PulseloopPrivacyProperties.DEFAULT_TOPIC, null, true, Duration.ZERO, 10, 1);

    @Test
    void wrapsADataKeyThatOnlyTheSameKekAndKeyIdUnwrap() {
        KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.LOCAL_DEVELOPMENT_KEK);
        KeyEncryptionKey other = KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        SecretKey dataKey = Aes.newKey();

        String wrapped = kek.wrap("crm-sync/c-1", dataKey);

        assertThat(kek.unwrap("crm-sync/c-1", wrapped).getEncoded()).isEqualTo(dataKey.getEncoded());
        assertThat(wrapped).doesNotContain(Base64.getEncoder().encodeToString(dataKey.getEncoded()));
        assertThatIllegalStateException().isThrownBy(() -> other.unwrap("crm-sync/c-1", wrapped))
                .withMessageContaining("PULSELOOP_PII_KEK");
        assertThatIllegalStateException().as("bound to its key id")
                .isThrownBy(() -> kek.unwrap("crm-sync/c-2", wrapped));
    }

    @Test
    void refusesAKekThatIsNot32Bytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .withMessageContaining("32");
        assertThatIllegalArgumentException().isThrownBy(() -> KeyEncryptionKey.fromBase64("not base64 !"))
                .withMessageContaining("base64");
    }

    @Test
    void outsideTheLocalProfileAServiceRefusesToStartWithoutAKek() {
        assertThatIllegalStateException()
                .isThrownBy(() -> PrivacyAutoConfiguration.kekOf(NO_KEK, new MockEnvironment()))
                .withMessageContaining("PULSELOOP_PII_KEK is not set");
    }

    @Test
    void takesTheConfiguredKekAndFallsBackToTheDevelopmentKekOnlyInTheLocalProfile() {
        PulseloopPrivacyProperties configured = new PulseloopPrivacyProperties(true,
                Base64.getEncoder().encodeToString(new byte[32]), null, PulseloopPrivacyProperties.DEFAULT_TOPIC, null,
                true, Duration.ZERO, 10, 1);
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");
        SecretKey dataKey = Aes.newKey();

        String wrapped = PrivacyAutoConfiguration.kekOf(configured, new MockEnvironment()).wrap("k", dataKey);

        assertThat(KeyEncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])).unwrap("k", wrapped)
                .getEncoded()).isEqualTo(dataKey.getEncoded());
        String developmentWrapped = PrivacyAutoConfiguration.kekOf(NO_KEK, local).wrap("k", dataKey);
        assertThat(KeyEncryptionKey.fromBase64(KeyEncryptionKey.LOCAL_DEVELOPMENT_KEK).unwrap("k", developmentWrapped)
                .getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    @Test
    void aSealedFieldNamesItsKeyAndCarriesOnlyCiphertext() {
        String sealed = SealedField.format("crm-sync/c:1", new byte[] {1, 2, 3});

        SealedField.Parsed parsed = SealedField.parse(sealed);

        assertThat(sealed).startsWith("pii:v1:crm-sync/c:1:");
        assertThat(parsed.keyId()).isEqualTo("crm-sync/c:1");
        assertThat(parsed.nonceAndCiphertext()).containsExactly(1, 2, 3);
        assertThat(SealedField.isSealed("jana@example.com")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> SealedField.parse("pii:v1:nokey"));
    }
}
