package io.pulseloop.events.followup;

/** Why a follow-up task exists (contract §6). */
public enum TaskReason {
    /** An NPS answer of 0–6. */
    DETRACTOR,
    /** A CSAT answer of 1–2. */
    LOW_CSAT,
    /** A CES answer of 1–3 (1 = very difficult). */
    HIGH_EFFORT,
    /** analytics-service detected churn risk. */
    CHURN_RISK,
    /** A promoter to ask for a referral, case study or review. */
    PROMOTER_REFERRAL
}
