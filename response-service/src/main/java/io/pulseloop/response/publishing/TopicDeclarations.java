package io.pulseloop.response.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import io.pulseloop.events.topic.Topics;

/** The topics response-service writes, created at start-up when missing (12 partitions, keyed by contact id). */
@Configuration
class TopicDeclarations {

    @Bean
    NewTopic responsesTopic(@Value("${spring.cloud.stream.kafka.binder.replication-factor:1}") short replicas) {
        return TopicBuilder.name(Topics.RESPONSE_RESPONSES).partitions(12).replicas(replicas).build();
    }

    @Bean
    NewTopic scoresTopic(@Value("${spring.cloud.stream.kafka.binder.replication-factor:1}") short replicas) {
        return TopicBuilder.name(Topics.RESPONSE_SCORES).partitions(12).replicas(replicas).build();
    }
}
