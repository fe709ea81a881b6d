package io.pulseloop.crmsync.inbound;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import io.pulseloop.events.topic.Topics;

/**
 * Creates the topics this service reads from the CRM or writes, if they do not exist yet. The CRM's own topics keep
 * their records only briefly ({@link TopicProperties#inboundRetention()}, {@link TopicProperties#deadLetterRetention()}):
 * they hold personal data in clear that an erasure cannot remove from a log (issue 11 #4). With
 * {@code spring.kafka.admin.modify-topic-configs} the retention is also applied to topics that already exist.
 */
@Configuration(proxyBeanMethods = false)
class InboundTopics {

    @Bean
    KafkaAdmin.NewTopics crmSyncTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(
                shortLived(Topics.CRM_INBOUND, topics, topics.inboundRetention()),
                shortLived(Topics.CRM_INBOUND_DLQ, topics, topics.deadLetterRetention()),
                topic(Topics.CRM_CONTACTS, topics),
                topic(Topics.CRM_OWNERS, topics));
    }

    private static NewTopic shortLived(String name, TopicProperties topics, Duration retention) {
        Duration segment = retention.compareTo(TopicProperties.MAX_SEGMENT_AGE) < 0 ? retention
                : TopicProperties.MAX_SEGMENT_AGE;
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
                .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment.toMillis()))
                .build();
    }

    private static NewTopic topic(String name, TopicProperties topics) {
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
    }
}
