package io.pulseloop.survey.definitions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;

/**
 * The two surveys that exist out of the box (contract §3): {@code support-csat}, CSAT 24 hours after a ticket
 * closes, and {@code relationship-nps}, NPS 90 days after a deal is won — both with English, Czech and Polish texts.
 */
public final class DefaultSurveys {

    public static final String SUPPORT_CSAT = "support-csat";
    public static final String RELATIONSHIP_NPS = "relationship-nps";

    private DefaultSurveys() {
    }

    /** Both default surveys as version 1, created at {@code now}. */
    public static List<SurveyDefinition> all(Instant now) {
        SurveyDefinition csat = new SurveyDefinition(SUPPORT_CSAT, 1, "Support CSAT", Metric.CSAT, true,
                new TriggerDefinition("crm.ticket.closed", Duration.ofHours(24), Map.of(), 1.0),
                null, null, DefaultTexts.supportCsat(),
                List.of(DefaultTexts.whatToImprove(ScoreCategory.DISSATISFIED, ScoreCategory.NEUTRAL)),
                now, now, false);
        SurveyDefinition nps = new SurveyDefinition(RELATIONSHIP_NPS, 1, "Relationship NPS", Metric.NPS, true,
                new TriggerDefinition("crm.deal.won", Duration.ofDays(90), Map.of(), 1.0),
                null, Duration.ofDays(90), DefaultTexts.forMetric(Metric.NPS),
                List.of(DefaultTexts.whatToImprove(ScoreCategory.DETRACTOR), DefaultTexts.reference()),
                now, now, false);
        return List.of(csat, nps);
    }
}
