package io.pulseloop.crmsync.inbound;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * One record read from {@code crm.inbound.v1}, as the broker delivered it.
 *
 * @param headers the record's headers, raw; the CloudEvents binary-mode attributes are the {@code ce_*} ones
 */
public record InboundRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value,
        Map<String, byte[]> headers) {

    /** The headers as UTF-8 strings, the way {@code CrmCloudEventReader} reads binary-mode attributes. */
    public Map<String, String> headersAsText() {
        if (headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((name, value) -> text.put(name, value == null ? null : new String(value, StandardCharsets.UTF_8)));
        return text;
    }

    /** The record as the Kafka client delivered it, e.g. for {@code DeadLetters}. */
    public ConsumerRecord<String, byte[]> toConsumerRecord() {
        RecordHeaders raw = new RecordHeaders();
        headers.forEach(raw::add);
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, -1, -1, key, value,
                raw, Optional.empty());
    }

    /** Where the record came from, for logs and dead-letter headers: {@code topic-partition@offset}. */
    public String origin() {
        return topic + "-" + partition + "@" + offset;
    }
}
