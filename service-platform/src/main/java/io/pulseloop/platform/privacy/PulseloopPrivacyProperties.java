package io.pulseloop.platform.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.pulseloop.events.topic.Topics;

/**
 * {@code pulseloop.pii.*}: crypto-shredding of personal fields (see {@code docs/privacy.md}).
 *
 * @param enabled   {@code false}: no privacy beans at all (a service that neither seals nor opens)
 * @param kek       the key-encryption key, base64 of 32 bytes ({@code PULSELOOP_PII_KEK}). Required outside the
 *                  {@code local} profile, which falls back to a fixed development KEK
 * @param authority this service's name as a key authority (e.g. {@code crm-sync}); empty: it seals nothing
 * @param topic     the compacted topic that distributes the wrapped keys
 * @param group     the consumer group of this service's key copies; default
 *                  {@code <spring.application.name>.<MongoDB database>.contact-keys}, so a fresh database (a rebuild)
 *                  has a fresh group that reads every key from the beginning
 * @param readKeys  {@code false}: this service only seals, never opens another authority's fields
 * @param keyWait   how long opening a field waits for a key not received yet before it throws (retryable)
 * @param cacheSize unwrapped keys kept in memory
 * @param partitions partitions of the topic, when this service creates it
 */
@ConfigurationProperties("pulseloop.pii")
public record PulseloopPrivacyProperties(
        @DefaultValue("true") boolean enabled,
        String kek,
        String authority,
        @DefaultValue(PulseloopPrivacyProperties.DEFAULT_TOPIC) String topic,
        String group,
        @DefaultValue("true") boolean readKeys,
        @DefaultValue("2s") Duration keyWait,
        @DefaultValue("100000") long cacheSize,
        @DefaultValue("6") int partitions) {

    /** The default topic of the wrapped data keys. */
    public static final String DEFAULT_TOPIC = Topics.PRIVACY_CONTACT_KEYS;
}
