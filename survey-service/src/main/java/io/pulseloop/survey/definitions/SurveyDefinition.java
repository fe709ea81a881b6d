package io.pulseloop.survey.definitions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.survey.policy.SurveyRule;

/**
 * One version of a survey. Versions are immutable: editing a survey creates the next version, and an invitation
 * keeps the version it was created with.
 *
 * @param trigger        the CRM event that triggers it, or {@code null} for a purely scheduled survey
 * @param schedule       waves to the current customer base, or {@code null}
 * @param fatigueWindow  the survey's own window on top of the global one, or {@code null}
 * @param deleted        deleted surveys trigger nothing and their pending sends are withdrawn
 */
public record SurveyDefinition(
        String id,
        int version,
        String name,
        Metric metric,
        boolean enabled,
        TriggerDefinition trigger,
        ScheduleDefinition schedule,
        Duration fatigueWindow,
        SurveyTexts texts,
        List<ExtraQuestionDefinition> extraQuestions,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted) {

    public SurveyDefinition {
        extraQuestions = (extraQuestions == null) ? List.of() : List.copyOf(extraQuestions);
    }

    /** Whether new triggers and waves may use it. */
    public boolean active() {
        return enabled && !deleted;
    }

    /** The same definition as another version. */
    public SurveyDefinition withVersion(int newVersion, Instant created, Instant updated) {
        return new SurveyDefinition(id, newVersion, name, metric, enabled, trigger, schedule, fatigueWindow, texts,
                extraQuestions, created, updated, deleted);
    }

    /** The same definition, deleted. */
    public SurveyDefinition asDeleted(Instant at) {
        return new SurveyDefinition(id, version, name, metric, false, trigger, schedule, fatigueWindow, texts,
                extraQuestions, createdAt, at, true);
    }

    /** What the contact-pressure policy needs of it. */
    public SurveyRule rule() {
        if (trigger == null) {
            return new SurveyRule(id, Duration.ZERO, null, 1.0, fatigueWindow);
        }
        return new SurveyRule(id, trigger.delay(), trigger.filters(), trigger.sampleRate(), fatigueWindow);
    }
}
