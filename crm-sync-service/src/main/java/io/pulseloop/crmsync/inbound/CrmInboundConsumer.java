package io.pulseloop.crmsync.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import io.pulseloop.events.topic.Topics;

/**
 * Binding {@code crmInbound-in-0}: batches of raw records from {@code crm.inbound.v1} into the
 * {@link CrmInboundPipeline}. The binder commits a batch's offsets after this consumer returns, that is after its
 * effect is durable; an exception leaves them uncommitted and {@link InboundErrorHandling} retries the batch.
 */
@Configuration(proxyBeanMethods = false)
class CrmInboundConsumer {

    @Bean
    Consumer<Message<List<byte[]>>> crmInbound(CrmInboundPipeline pipeline) {
        return message -> pipeline.process(records(message));
    }

    /**
     * Pairs each payload of a batch with the per-record headers the binder delivers as parallel lists. The payload
     * is read as a list of anything: a record with a null value (a tombstone) arrives as {@code KafkaNull}, not as
     * {@code byte[]}, and must become a record without a value that the pipeline dead-letters, not a
     * {@code ClassCastException} that fails the whole batch (issue 11 #1).
     */
    static List<InboundRecord> records(Message<? extends List<?>> message) {
        List<?> values = message.getPayload();
        MessageHeaders headers = message.getHeaders();
        List<?> keys = list(headers, KafkaHeaders.RECEIVED_KEY);
        List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(headers, KafkaHeaders.OFFSET);
        List<?> timestamps = list(headers, KafkaHeaders.RECEIVED_TIMESTAMP);
        List<?> converted = list(headers, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<InboundRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new InboundRecord(
                    text(at(topics, i), Topics.CRM_INBOUND),
                    at(partitions, i) instanceof Number n ? n.intValue() : -1,
                    at(offsets, i) instanceof Number n ? n.longValue() : -1L,
                    at(timestamps, i) instanceof Number n ? n.longValue() : -1L,
                    text(at(keys, i), null),
                    values.get(i) instanceof byte[] value ? value : null,
                    recordHeaders(at(converted, i))));
        }
        return records;
    }

    private static Map<String, byte[]> recordHeaders(Object converted) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        if (converted instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                byte[] bytes = bytes(value);
                if (bytes != null) {
                    headers.put(String.valueOf(name), bytes);
                }
            });
        }
        return headers;
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] raw) {
            return raw;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof byte[] raw) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> list ? list : List.of();
    }

    private static Object at(List<?> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }
}
