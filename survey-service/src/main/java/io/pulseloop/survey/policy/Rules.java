package io.pulseloop.survey.policy;

/**
 * Names of the rules that decide when nothing was suppressed. Suppressions use the
 * {@link io.pulseloop.events.survey.SuppressionReason} names ({@code DO_NOT_CONTACT}, {@code FATIGUE_WINDOW}, ...).
 */
public final class Rules {

    /** Every eligibility, fatigue and sampling rule passed. */
    public static final String ELIGIBLE = "ELIGIBLE";
    /** The reminder period passed without a response. */
    public static final String REMINDER = "REMINDER";
    /** The contact already responded, so no reminder. */
    public static final String RESPONDED = "RESPONDED";
    /** The token's lifetime passed. */
    public static final String TOKEN_LIFETIME = "TOKEN_LIFETIME";
    /** The SMTP relay refused or could not be reached; the send is retried with backoff. */
    public static final String SEND_FAILED = "SEND_FAILED";
    /** The survey was deleted or disabled after the invitation was planned. */
    public static final String SURVEY_WITHDRAWN = "SURVEY_WITHDRAWN";

    private Rules() {
    }
}
