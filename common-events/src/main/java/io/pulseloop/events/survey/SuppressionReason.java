package io.pulseloop.events.survey;

/**
 * Why a contact was not invited, or not yet. The names are the contract's (§3) and appear as they are in
 * {@code GET /api/v1/contacts/{contactId}/survey-decisions}.
 */
public enum SuppressionReason {
    DO_NOT_CONTACT,
    NO_SURVEY_CONSENT,
    UNSUBSCRIBED,
    ERASED,
    FATIGUE_WINDOW,
    SURVEY_WINDOW,
    DUPLICATE_TRIGGER,
    QUIET_HOURS,
    SAMPLED_OUT,
    FILTERED_OUT,
    UNKNOWN_CONTACT,
    NO_EMAIL,
    /** The survey was deleted or deactivated before a pending send was due. */
    SURVEY_WITHDRAWN
}
