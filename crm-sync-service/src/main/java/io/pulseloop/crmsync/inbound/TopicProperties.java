package io.pulseloop.crmsync.inbound;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics this service writes are created when missing ({@code pulseloop.crm.topics.*}).
 *
 * @param partitions        partitions per topic (records are keyed by contact id; plan for 12+)
 * @param replicationFactor 1 locally, 3 in production
 */
@Validated
@ConfigurationProperties("pulseloop.crm.topics")
public record TopicProperties(@Min(1) @DefaultValue("12") int partitions,
        @Min(1) @DefaultValue("1") short replicationFactor) {
}
