package io.pulseloop.platform.events;

/**
 * Kafka did not acknowledge a record within the publisher's bound (or refused it). Some records of a batch may have
 * been written: publish only what may be published again (consumers deduplicate by event id).
 */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
