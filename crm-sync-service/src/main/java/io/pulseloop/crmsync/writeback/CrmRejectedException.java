package io.pulseloop.crmsync.writeback;

/**
 * The CRM refused the update for good ({@code 4xx} other than {@code 408}/{@code 429}, e.g. an unknown contact or a
 * property the CRM does not define). Not retried: retrying cannot change the answer.
 */
public class CrmRejectedException extends RuntimeException {

    private final int status;

    public CrmRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
