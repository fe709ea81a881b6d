package io.pulseloop.crmsync.writeback;

/** The CRM call timed out or failed on the network, after the retries: the delivery is tried again later. */
public class CrmCallFailedException extends RuntimeException {

    public CrmCallFailedException(Throwable cause) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
