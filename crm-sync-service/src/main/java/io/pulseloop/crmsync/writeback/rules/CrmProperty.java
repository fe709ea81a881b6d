package io.pulseloop.crmsync.writeback.rules;

import java.util.List;

/** The contact properties of contract §8, as the CRM knows them. */
public final class CrmProperty {

    public static final String NPS_SCORE = "pulseloop_nps_score";
    public static final String NPS_CATEGORY = "pulseloop_nps_category";
    public static final String NPS_DATE = "pulseloop_nps_date";
    public static final String CSAT_SCORE = "pulseloop_csat_score";
    public static final String CSAT_DATE = "pulseloop_csat_date";
    public static final String FOLLOWUP_OPEN = "pulseloop_followup_open";
    public static final String MARKETING_PAUSED = "pulseloop_marketing_paused";
    public static final String CHURN_RISK = "pulseloop_churn_risk";
    public static final String UPSELL_CANDIDATE = "pulseloop_upsell_candidate";

    public static final List<String> ALL = List.of(NPS_SCORE, NPS_CATEGORY, NPS_DATE, CSAT_SCORE, CSAT_DATE,
            FOLLOWUP_OPEN, MARKETING_PAUSED, CHURN_RISK, UPSELL_CANDIDATE);

    private CrmProperty() {
    }
}
