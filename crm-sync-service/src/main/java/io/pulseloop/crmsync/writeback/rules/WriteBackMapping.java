package io.pulseloop.crmsync.writeback.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskCleared;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.signal.UpsellOpportunityDetected;
import io.pulseloop.events.signal.UpsellOpportunityWithdrawn;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;

/**
 * Maps Pulseloop events to CRM property changes (contract §8). Values are strings: scores as integers, booleans as
 * {@code true}/{@code false}, dates as ISO dates in UTC ({@code 2026-11-22}), the NPS category in lower case.
 * Events with nothing to write back (CES scores) map to no change.
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

    /** The changes a signal makes on the contact it is keyed by; see {@link #byContact} for every contact. */
    public static List<PropertyChange> of(SignalEvent signal) {
        return byContact(signal).getOrDefault(signal.contactId(), List.of());
    }

    /**
     * The changes a signal makes, per contact (contract §8.1). Churn risk is set to {@code true} on every contact whose
     * answers raised it (the event's contact and its evidence), and back to {@code false} on those same contacts when
     * it clears (the evidence; the promoter who cleared it is not one of them). An event written before the evidence
     * existed names no evidence: then its own contact. Upsell: {@code true} / {@code false} on the event's contact.
     */
    public static Map<String, List<PropertyChange>> byContact(SignalEvent signal) {
        if (signal instanceof ChurnRiskDetected detected) {
            return each(union(detected.contactId(), detected.evidenceContactIds()),
                    change(CrmProperty.CHURN_RISK, true, signal.occurredAt(), signal.eventId()));
        }
        if (signal instanceof ChurnRiskCleared cleared) {
            return each(cleared.evidenceContactIds().isEmpty() ? List.of(cleared.contactId())
                    : cleared.evidenceContactIds(),
                    change(CrmProperty.CHURN_RISK, false, signal.occurredAt(), signal.eventId()));
        }
        boolean upsell = signal instanceof UpsellOpportunityDetected;
        if (upsell || signal instanceof UpsellOpportunityWithdrawn) {
            return each(List.of(signal.contactId()),
                    change(CrmProperty.UPSELL_CANDIDATE, upsell, signal.occurredAt(), signal.eventId()));
        }
        return Map.of();
    }

    private static List<String> union(String contactId, List<String> more) {
        Set<String> contacts = new LinkedHashSet<>();
        contacts.add(contactId);
        contacts.addAll(more);
        return new ArrayList<>(contacts);
    }

    private static Map<String, List<PropertyChange>> each(List<String> contactIds, PropertyChange change) {
        Map<String, List<PropertyChange>> changes = new LinkedHashMap<>();
        contactIds.stream().filter(id -> id != null && !id.isBlank()).forEach(id -> changes.put(id, List.of(change)));
        return changes;
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
