package io.pulseloop.platform.privacy;

/**
 * A sealed field names a data key this service has not received yet (its key consumer lags behind the event's
 * topic). Retryable: the listener container's retry and backoff give the key time to arrive; after the last attempt
 * the record goes to the dead-letter topic with this cause, like any other failure.
 */
public class ContactKeyUnavailableException extends RuntimeException {

    private final String keyId;

    public ContactKeyUnavailableException(String keyId) {
        super("The data key " + keyId + " has not arrived on the contact-keys topic yet");
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }
}
