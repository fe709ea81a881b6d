package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.pulseloop.crmsync.CrmSyncIntegrationTest;
import io.pulseloop.events.topic.Topics;

/**
 * Issue 11 #4, crm-sync's part: the CRM's raw events on {@code crm.inbound.v1} (and its dead letters) carry personal
 * data in clear that an erasure cannot remove from a log, so those topics keep records only briefly — also when the
 * topic existed before this service started.
 */
class InboundTopicRetentionIntegrationTests extends CrmSyncIntegrationTest {

    @Test
    void crmInboundKeepsRecordsThreeDaysAndItsDeadLettersFourteenInSegmentsOfAtMostSixHours() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_INBOUND),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_INBOUND_DLQ))).all()
                    .get(30, TimeUnit.SECONDS);

            Config inbound = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_INBOUND));
            Config deadLetters = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_INBOUND_DLQ));
            assertThat(millis(inbound, TopicConfig.RETENTION_MS_CONFIG)).isEqualTo(Duration.ofDays(3));
            assertThat(millis(inbound, TopicConfig.SEGMENT_MS_CONFIG)).isEqualTo(Duration.ofHours(6));
            assertThat(millis(deadLetters, TopicConfig.RETENTION_MS_CONFIG)).isEqualTo(Duration.ofDays(14));
            assertThat(millis(deadLetters, TopicConfig.SEGMENT_MS_CONFIG)).isEqualTo(Duration.ofHours(6));
        }
    }

    private static Duration millis(Config config, String name) {
        return Duration.ofMillis(Long.parseLong(config.get(name).value()));
    }
}
