package io.pulseloop.crmsync.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import io.pulseloop.events.topic.Topics;

/**
 * A poison record on its way to {@code crm.inbound.v1.dlq}: the original key, value and headers, plus headers that
 * say why and where it came from. The {@code x-original-*} and {@code x-exception-*} headers are those of the
 * Spring Cloud Stream Kafka binder's own dead letters (partition as a 4-byte and offset as an 8-byte big-endian
 * number), so existing tooling reads them; the {@code pulseloop-dlq-*} headers say the same as plain text.
 *
 * @param reason   the kind of failure: {@code invalid} (not a valid CRM CloudEvent) or {@code unreadable}
 *                 (reading failed in an unexpected way, after bounded attempts)
 * @param field    the offending field as a CRM developer would look for it (e.g. {@code data.contactId}), or
 *                 {@code null} when the whole record is unreadable
 * @param message  what is wrong, e.g. {@code data.contactId: is required}
 */
public record DeadLetter(InboundRecord record, String reason, String field, String message, Throwable cause,
        int attempts) {

    public static final String X_ORIGINAL_TOPIC = "x-original-topic";
    public static final String X_ORIGINAL_PARTITION = "x-original-partition";
    public static final String X_ORIGINAL_OFFSET = "x-original-offset";
    public static final String X_ORIGINAL_TIMESTAMP = "x-original-timestamp";
    public static final String X_EXCEPTION_FQCN = "x-exception-fqcn";
    public static final String X_EXCEPTION_MESSAGE = "x-exception-message";
    public static final String REASON = "pulseloop-dlq-reason";
    public static final String FIELD = "pulseloop-dlq-field";
    public static final String ERROR = "pulseloop-dlq-error";
    public static final String ORIGINAL_TOPIC = "pulseloop-dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "pulseloop-dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "pulseloop-dlq-original-offset";
    public static final String ATTEMPTS = "pulseloop-dlq-attempts";

    /** The record for the dead-letter topic. */
    public ProducerRecord<String, byte[]> toProducerRecord() {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.CRM_INBOUND_DLQ, null, record.key(),
                record.value());
        Headers headers = dead.headers();
        record.headers().forEach(headers::add);
        headers.add(X_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(X_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(X_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(X_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        headers.add(X_EXCEPTION_FQCN, utf8(cause.getClass().getName()));
        headers.add(X_EXCEPTION_MESSAGE, utf8(message));
        headers.add(REASON, utf8(reason));
        if (field != null) {
            headers.add(FIELD, utf8(field));
        }
        headers.add(ERROR, utf8(message));
        headers.add(ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(ATTEMPTS, utf8(Integer.toString(attempts)));
        return dead;
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
