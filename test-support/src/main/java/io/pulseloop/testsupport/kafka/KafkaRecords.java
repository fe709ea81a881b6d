package io.pulseloop.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reading received records: headers as strings, and predicates for {@link TopicProbe}.
 */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /**
     * The headers of a record as UTF-8 strings. For a header name that occurs more than once the last value wins;
     * a header with a {@code null} value maps to {@code null}.
     *
     * @param record the record
     * @return header names to values, in record order
     */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), decode(header.value()));
        }
        return headers;
    }

    /**
     * The last value of one header as a UTF-8 string.
     *
     * @param record the record
     * @param name the header name
     * @return the value, or {@code null} if the record has no such header (or its value is {@code null})
     */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null) ? decode(header.value()) : null;
    }

    /**
     * Matches records with the given key.
     *
     * @param key the key, {@code null} for records without a key
     * @return the predicate
     */
    public static Predicate<ConsumerRecord<String, String>> withKey(String key) {
        return record -> Objects.equals(record.key(), key);
    }

    /**
     * Matches records whose last header of that name has the given value.
     *
     * @param name the header name
     * @param value the expected value
     * @return the predicate
     */
    public static Predicate<ConsumerRecord<String, String>> withHeader(String name, String value) {
        return record -> Objects.equals(header(record, name), value);
    }

    /**
     * Matches records whose value contains the text, e.g. an id; never matches tombstones.
     *
     * @param text the text to look for
     * @return the predicate
     */
    public static Predicate<ConsumerRecord<String, String>> valueContaining(String text) {
        return record -> record.value() != null && record.value().contains(text);
    }

    /**
     * A short description of a record for failure messages: topic, partition, offset, key, headers and value
     * (abbreviated).
     *
     * @param record the record
     * @return the description
     */
    public static String describe(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value != null && value.length() > 300) {
            value = value.substring(0, 300) + "...";
        }
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " key=" + record.key()
                + " headers=" + headers(record) + " value=" + value;
    }

    private static String decode(byte[] value) {
        return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
    }
}
