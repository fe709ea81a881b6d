package io.pulseloop.survey.policy;

/**
 * What was decided about one contact and one survey. Together with the rule that decided, this is the answer to
 * "why was this person (not) surveyed?".
 */
public enum DecisionKind {
    /** A trigger passed the policy; a send is planned for {@code dueAt}. */
    SCHEDULED,
    /** A planned send (or reminder) was pushed later, e.g. by {@code QUIET_HOURS} or a failed SMTP attempt. */
    DELAYED,
    /** The invitation email was accepted by the SMTP relay. */
    INVITED,
    /** No invitation: {@code rule} is a {@link io.pulseloop.events.survey.SuppressionReason} name. */
    SUPPRESSED,
    /** The one reminder was sent. */
    REMINDED,
    /** The reminder was not sent, e.g. because the contact responded ({@code RESPONDED}) or unsubscribed. */
    REMINDER_CANCELLED,
    /** The token lifetime passed. */
    EXPIRED,
    /** Sending was given up after retrying for the configured time; recorded, never silently dropped. */
    FAILED
}
