package io.pulseloop.survey.invitations;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.events.topic.Topics;

/** Declares {@code survey.invitations.v1} (12 partitions, keyed by contact id) so it exists before the first event. */
@Configuration(proxyBeanMethods = false)
class InvitationTopicConfiguration {

    @Bean
    NewTopic invitationsTopic(@Value("${pulseloop.kafka.replication-factor:${PULSELOOP_KAFKA_REPLICATION_FACTOR:1}}")
            short replicationFactor) {
        return new NewTopic(Topics.SURVEY_INVITATIONS, 12, replicationFactor);
    }
}
