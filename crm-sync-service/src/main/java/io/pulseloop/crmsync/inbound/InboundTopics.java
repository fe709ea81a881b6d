package io.pulseloop.crmsync.inbound;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import io.pulseloop.events.topic.Topics;

/** Creates the topics this service reads from the CRM or writes, if they do not exist yet. */
@Configuration(proxyBeanMethods = false)
class InboundTopics {

    @Bean
    KafkaAdmin.NewTopics crmSyncTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.CRM_INBOUND, topics),
                topic(Topics.CRM_INBOUND_DLQ, topics),
                topic(Topics.CRM_CONTACTS, topics),
                topic(Topics.CRM_OWNERS, topics));
    }

    private static NewTopic topic(String name, TopicProperties topics) {
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
    }
}
