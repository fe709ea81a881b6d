package io.pulseloop.response.invitations;

import java.nio.charset.StandardCharsets;

import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * The value of a consumed record as bytes. A record without a value (a tombstone, which Spring Cloud Stream hands
 * over as {@link KafkaNull}) is not an event of any of response-service's topics: it is refused as unreadable, so
 * the binding dead-letters it at once with that cause and the records after it keep flowing (issue 11 #1).
 */
public final class RecordValues {

    private RecordValues() {
    }

    /**
     * @throws UnreadableEventException when the record has no value
     */
    public static byte[] bytesOf(Message<?> message, String topic) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new UnreadableEventException("A " + topic + " record has no value (tombstone); expected an event",
                null);
    }
}
