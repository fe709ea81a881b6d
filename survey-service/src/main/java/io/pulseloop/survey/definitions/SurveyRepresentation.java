package io.pulseloop.survey.definitions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A survey as the staff API reads and writes it (JSON). Durations are ISO-8601 strings ({@code PT24H}), enums their
 * names. On write, {@code version}, {@code createdAt} and {@code updatedAt} are ignored except that a {@code version}
 * given to {@code PUT} must be the current one (optimistic concurrency); every other field but {@code id},
 * {@code metric} and a {@code trigger} or {@code schedule} is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyRepresentation(
        String id,
        Integer version,
        String name,
        String metric,
        Boolean enabled,
        Trigger trigger,
        Schedule schedule,
        String fatigueWindow,
        Texts texts,
        List<ExtraQuestion> extraQuestions,
        Instant createdAt,
        Instant updatedAt) {

    /** {@code eventType} and {@code delay} are required; {@code filters} names attributes, {@code sampleRate} 0–1. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(String eventType, String delay, Map<String, List<String>> filters, Double sampleRate) {
    }

    /** Waves every {@code every}, spread over {@code spreadOver}, from {@code startAt}, to the {@code audience}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(String every, String spreadOver, Instant startAt, Map<String, List<String>> audience) {
    }

    /** Language → text maps; each given map must contain {@code en}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Texts(
            Map<String, String> title,
            Map<String, String> question,
            Map<String, String> lowLabel,
            Map<String, String> highLabel,
            Map<String, String> followUpQuestion,
            Map<String, String> emailSubject,
            Map<String, String> emailIntro) {
    }

    /** {@code type}: {@code RATING}, {@code SINGLE_CHOICE} or {@code FREE_TEXT}; {@code showFor}: score bands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExtraQuestion(String id, String type, Map<String, String> text, List<String> showFor,
            Map<String, Map<String, String>> options, Boolean required) {
    }
}
