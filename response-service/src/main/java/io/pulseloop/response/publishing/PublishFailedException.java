package io.pulseloop.response.publishing;

/** Kafka did not acknowledge every record in time. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
