package io.pulseloop.survey.definitions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pulseloop.survey.policy.Durations;

/** Maps stored definitions to what the staff API shows. */
final class SurveyRepresentations {

    private SurveyRepresentations() {
    }

    static SurveyRepresentation of(SurveyDefinition survey) {
        TriggerDefinition trigger = survey.trigger();
        ScheduleDefinition schedule = survey.schedule();
        SurveyTexts texts = survey.texts();
        return new SurveyRepresentation(
                survey.id(),
                survey.version(),
                survey.name(),
                survey.metric().name(),
                survey.enabled(),
                (trigger == null) ? null : new SurveyRepresentation.Trigger(trigger.eventType(),
                        Durations.iso(trigger.delay()), lists(trigger.filters()), trigger.sampleRate()),
                (schedule == null) ? null : new SurveyRepresentation.Schedule(Durations.iso(schedule.every()),
                        Durations.iso(schedule.spreadOver()), schedule.startAt(), lists(schedule.audience())),
                (survey.fatigueWindow() == null) ? null : Durations.iso(survey.fatigueWindow()),
                new SurveyRepresentation.Texts(texts.title(), texts.question(), texts.lowLabel(), texts.highLabel(),
                        texts.followUpQuestion(), texts.emailSubject(), texts.emailIntro()),
                survey.extraQuestions().stream().map(question -> new SurveyRepresentation.ExtraQuestion(
                        question.id(), question.type().name(), question.text(),
                        question.showFor().stream().map(Enum::name).toList(), question.options(),
                        question.required())).toList(),
                survey.createdAt(),
                survey.updatedAt());
    }

    private static Map<String, List<String>> lists(Map<String, Set<String>> sets) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (sets != null) {
            sets.forEach((name, values) -> lists.put(name, values.stream().sorted().toList()));
        }
        return lists;
    }
}
