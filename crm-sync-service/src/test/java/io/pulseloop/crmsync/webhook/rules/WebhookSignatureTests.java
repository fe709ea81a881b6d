package io.pulseloop.crmsync.webhook.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pulseloop.crmsync.webhook.rules.WebhookSignature.Verdict;

class WebhookSignatureTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String TS = Long.toString(NOW.getEpochSecond());
    private static final byte[] BODY = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signature = new WebhookSignature(List.of("current", "next"), Duration.ofMinutes(5));

    @Test
    void signsTimestampDotBodyAsHexHmacSha256LikeOpenssl() {
        // printf '%s' '1700000000.{}' | openssl dgst -sha256 -hmac secret
        assertThat(WebhookSignature.sign("secret", "1700000000", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163");
    }

    @Test
    void acceptsSignatureWithCurrentSecret() {
        assertThat(signature.verify(TS, WebhookSignature.sign("current", TS, BODY), BODY, NOW))
                .isEqualTo(Verdict.AUTHENTIC);
    }

    @Test
    void acceptsSignatureWithRotatedSecret() {
        assertThat(signature.verify(TS, WebhookSignature.sign("next", TS, BODY), BODY, NOW))
                .isEqualTo(Verdict.AUTHENTIC);
    }

    @Test
    void acceptsAnyOfSeveralV1Values() {
        String header = WebhookSignature.sign("retired", TS, BODY) + ", " + WebhookSignature.sign("next", TS, BODY);
        assertThat(signature.verify(TS, header, BODY, NOW)).isEqualTo(Verdict.AUTHENTIC);
    }

    @Test
    void acceptsUpperCaseHexAndIgnoresOtherSchemes() {
        String v1 = WebhookSignature.sign("current", TS, BODY);
        assertThat(signature.verify(TS, "v0=abc,v1=" + v1.substring(3).toUpperCase(), BODY, NOW))
                .isEqualTo(Verdict.AUTHENTIC);
    }

    @Test
    void refusesWrongSecret() {
        assertThat(signature.verify(TS, WebhookSignature.sign("guess", TS, BODY), BODY, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void refusesTamperedBody() {
        byte[] tampered = "{\"specversion\":\"1.1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(signature.verify(TS, WebhookSignature.sign("current", TS, BODY), tampered, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void refusesSignatureOfAnotherTimestamp() {
        String other = Long.toString(NOW.getEpochSecond() - 1);
        assertThat(signature.verify(TS, WebhookSignature.sign("current", other, BODY), BODY, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void refusesTimestampsMoreThanFiveMinutesAwayEitherWay() {
        String old = Long.toString(NOW.minusSeconds(301).getEpochSecond());
        String future = Long.toString(NOW.plusSeconds(301).getEpochSecond());
        assertThat(signature.verify(old, WebhookSignature.sign("current", old, BODY), BODY, NOW))
                .isEqualTo(Verdict.REPLAYED);
        assertThat(signature.verify(future, WebhookSignature.sign("current", future, BODY), BODY, NOW))
                .isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void acceptsTimestampsAtTheEdgeOfTheWindow() {
        String edge = Long.toString(NOW.minusSeconds(300).getEpochSecond());
        assertThat(signature.verify(edge, WebhookSignature.sign("current", edge, BODY), BODY, NOW))
                .isEqualTo(Verdict.AUTHENTIC);
    }

    @Test
    void tellsMissingAndMalformedHeadersApart() {
        assertThat(signature.verify(null, "v1=00", BODY, NOW)).isEqualTo(Verdict.MISSING_TIMESTAMP);
        assertThat(signature.verify("yesterday", "v1=00", BODY, NOW)).isEqualTo(Verdict.INVALID_TIMESTAMP);
        assertThat(signature.verify(TS, null, BODY, NOW)).isEqualTo(Verdict.MISSING_SIGNATURE);
        assertThat(signature.verify(TS, "v0=abc", BODY, NOW)).isEqualTo(Verdict.MISSING_SIGNATURE);
        assertThat(signature.verify(TS, "v1=not-hex", BODY, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    }
}
