package io.pulseloop.crmsync.inbound;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics this service writes are created when missing ({@code pulseloop.crm.topics.*}).
 *
 * @param partitions          partitions per topic (records are keyed by contact id; plan for 12+)
 * @param replicationFactor   1 locally, 3 in production
 * @param inboundRetention    how long {@code crm.inbound.v1} keeps the CRM's raw events, personal data included
 *                            (issue 11 #4): short, because crm-sync turns them into canonical events within seconds
 *                            and erasure cannot reach into a log; long enough to outlast an outage of this service
 * @param deadLetterRetention how long {@code crm.inbound.v1.dlq} keeps poison records for an operator to look at
 */
@Validated
@ConfigurationProperties("pulseloop.crm.topics")
public record TopicProperties(@Min(1) @DefaultValue("12") int partitions,
        @Min(1) @DefaultValue("1") short replicationFactor,
        @DefaultValue("3d") Duration inboundRetention,
        @DefaultValue("14d") Duration deadLetterRetention) {

    /** Kafka deletes whole segments: a segment rolls at least this often so a record outlives its retention little. */
    static final Duration MAX_SEGMENT_AGE = Duration.ofHours(6);
}
