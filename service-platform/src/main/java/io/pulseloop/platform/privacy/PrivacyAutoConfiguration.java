package io.pulseloop.platform.privacy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.FixedBackOff;

import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.EventsAutoConfiguration;
import io.pulseloop.platform.mongo.MongoAutoConfiguration;

/**
 * Crypto-shredding for every service with MongoDB and Kafka ({@code docs/privacy.md}): the KEK, this service's key
 * copies ({@link ContactKeyStore}), the {@link PersonalDataOpener}, the {@link PersonalDataSealer} when the service is
 * a key authority ({@code pulseloop.pii.authority}), the consumer of the contact-keys topic and the topic itself
 * (compacted).
 */
@AutoConfiguration(after = {EventsAutoConfiguration.class, MongoAutoConfiguration.class}, afterName = {
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"})
@ConditionalOnClass({MongoOperations.class, KafkaTemplate.class})
@ConditionalOnBooleanProperty(name = "pulseloop.pii.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PulseloopPrivacyProperties.class)
public class PrivacyAutoConfiguration {

    /** The environment variable of the KEK ({@code pulseloop.pii.kek}). */
    public static final String KEK_VARIABLE = "PULSELOOP_PII_KEK";

    private static final Logger log = LoggerFactory.getLogger(PrivacyAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    KeyEncryptionKey keyEncryptionKey(PulseloopPrivacyProperties properties, Environment environment) {
        return kekOf(properties, environment);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoOperations.class)
    ContactKeyStore contactKeyStore(MongoOperations mongo, KeyEncryptionKey kek, PulseloopPrivacyProperties properties,
            ObjectProvider<Clock> clock) {
        return new ContactKeyStore(mongo, kek, clock.getIfAvailable(Clock::systemUTC), properties.cacheSize());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ContactKeyStore.class)
    PersonalDataOpener personalDataOpener(ContactKeyStore store, PulseloopPrivacyProperties properties) {
        return new PersonalDataOpener(store, properties.keyWait());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ContactKeyStore.class, EventPublisher.class})
    PersonalDataSealer personalDataSealer(ContactKeyStore store, KeyEncryptionKey kek, EventPublisher publisher,
            PulseloopPrivacyProperties properties, Environment environment, ObjectProvider<Clock> clock) {
        String authority = StringUtils.hasText(properties.authority()) ? properties.authority()
                : environment.getProperty("spring.application.name", "pulseloop");
        return new PersonalDataSealer(authority, store, kek, publisher, properties.topic(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * The compacted key topic: the latest record of a key id (its key, or the {@code ERASED} marker) stays; an older
     * one (the erased key) is removed once its segment is at most {@code max.compaction.lag.ms} (24 h) old and the
     * cleaner ran — the bound {@code docs/privacy.md} states.
     */
    @Bean
    NewTopic contactKeysTopic(PulseloopPrivacyProperties properties, Environment environment) {
        short replicas = environment.getProperty("spring.cloud.stream.kafka.binder.replication-factor", Short.class,
                (short) 1);
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions()).replicas(replicas)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .config(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(6 * 3_600_000L))
                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")
                .config(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(24 * 3_600_000L))
                .config(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1")
                .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(24 * 3_600_000L))
                .build();
    }

    /** This service's copies of the keys, from the topic (from its beginning for a new group). */
    @Bean
    @ConditionalOnBean(ContactKeyStore.class)
    @ConditionalOnBooleanProperty(name = "pulseloop.pii.read-keys", matchIfMissing = true)
    ConcurrentMessageListenerContainer<String, byte[]> contactKeysListenerContainer(KafkaProperties kafka,
            PulseloopPrivacyProperties properties, ContactKeyStore store, MongoOperations mongo,
            Environment environment) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // the copies live in this database, so the group's offsets belong to it: a fresh database (an analytics
        // rebuild, a test context) reads the keys from the beginning by itself
        String database = mongo instanceof MongoTemplate template ? template.getDb().getName() : "default";
        String group = StringUtils.hasText(properties.group()) ? properties.group()
                : environment.getProperty("spring.application.name", "pulseloop") + "." + database + ".contact-keys";
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ContainerProperties container = new ContainerProperties(properties.topic());
        container.setMessageListener(new ContactKeyListener(store));
        container.setGroupId(group);
        ConcurrentMessageListenerContainer<String, byte[]> listener = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                container);
        // a key must never be skipped: MongoDB down means retry until it is back (the data consumers wait meanwhile)
        listener.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        listener.setBeanName("contactKeysListenerContainer");
        return listener;
    }

    static KeyEncryptionKey kekOf(PulseloopPrivacyProperties properties, Environment environment) {
        if (StringUtils.hasText(properties.kek())) {
            return KeyEncryptionKey.fromBase64(properties.kek());
        }
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            log.warn("{} is not set: the local profile uses the fixed development KEK; never use it with real data",
                    KEK_VARIABLE);
            return KeyEncryptionKey.fromBase64(KeyEncryptionKey.LOCAL_DEVELOPMENT_KEK);
        }
        throw new IllegalStateException(KEK_VARIABLE + " is not set: the key-encryption key of contacts' personal "
                + "data (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) is required outside the local "
                + "profile; see docs/privacy.md");
    }
}
