package io.pulseloop.crmsync.writeback.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskCleared;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;

/**
 * Maps Pulseloop events to CRM property changes (contract §8). Values are strings: scores as integers, booleans as
 * {@code true}/{@code false}, dates as ISO dates in UTC ({@code 2026-11-22}), the NPS category in lower case.
 * Events with nothing to write back (CES scores, upsell signals) map to no change.
 */
public final class WriteBackMapping {

    private WriteBackMapping() {
    }

    public static List<PropertyChange> of(ScoreRecorded score) {
        List<PropertyChange> changes = new ArrayList<>(3);
        if (score.metric() == Metric.NPS) {
            changes.add(change(CrmProperty.NPS_SCORE, Integer.toString(score.score()), score));
            changes.add(change(CrmProperty.NPS_CATEGORY, npsCategory(score), score));
            changes.add(change(CrmProperty.NPS_DATE, date(score.occurredAt()), score));
        } else if (score.metric() == Metric.CSAT) {
            changes.add(change(CrmProperty.CSAT_SCORE, Integer.toString(score.score()), score));
            changes.add(change(CrmProperty.CSAT_DATE, date(score.occurredAt()), score));
        }
        return changes;
    }

    public static List<PropertyChange> of(FollowUpTaskEvent task) {
        if (task.state() == null) {
            return List.of();
        }
        return List.of(
                change(CrmProperty.FOLLOWUP_OPEN, task.state().openTasks() > 0, task.occurredAt(), task.eventId()),
                change(CrmProperty.MARKETING_PAUSED, task.state().marketingPaused(), task.occurredAt(),
                        task.eventId()));
    }

    public static List<PropertyChange> of(SignalEvent signal) {
        if (signal instanceof ChurnRiskDetected) {
            return List.of(change(CrmProperty.CHURN_RISK, true, signal.occurredAt(), signal.eventId()));
        }
        if (signal instanceof ChurnRiskCleared) {
            return List.of(change(CrmProperty.CHURN_RISK, false, signal.occurredAt(), signal.eventId()));
        }
        return List.of();
    }

    /** The NPS band of a score: promoter 9–10, passive 7–8, detractor 0–6. */
    public static String npsCategory(int score) {
        if (score >= 9) {
            return "promoter";
        }
        return score >= 7 ? "passive" : "detractor";
    }

    private static String npsCategory(ScoreRecorded score) {
        ScoreCategory category = score.category();
        if (category == ScoreCategory.PROMOTER || category == ScoreCategory.PASSIVE
                || category == ScoreCategory.DETRACTOR) {
            return category.name().toLowerCase(Locale.ROOT);
        }
        return npsCategory(score.score());
    }

    private static String date(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static PropertyChange change(String property, String value, ScoreRecorded score) {
        return new PropertyChange(property, new PropertyValue(value, score.occurredAt(), score.revision(),
                score.eventId()));
    }

    private static PropertyChange change(String property, boolean value, Instant at, String eventId) {
        return new PropertyChange(property, new PropertyValue(Boolean.toString(value), at, 0, eventId));
    }
}
