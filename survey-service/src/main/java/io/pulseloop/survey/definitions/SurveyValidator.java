package io.pulseloop.survey.definitions;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot.QuestionType;
import io.pulseloop.survey.policy.TriggerFilters;
import io.pulseloop.survey.web.ApiProblemException;

/**
 * Turns a {@link SurveyRepresentation} into a {@link SurveyDefinition}, or rejects it naming the first field at
 * fault ({@code 400}, e.g. {@code trigger.delay}). Texts the request leaves out get the metric's defaults.
 */
public final class SurveyValidator {

    /** The canonical CRM events a survey can be triggered by. */
    public static final Set<String> TRIGGER_EVENT_TYPES = Set.of("crm.ticket.closed", "crm.deal.won",
            "crm.deal.lost");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern QUESTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final int MAX_TEXT = 2_000;

    private SurveyValidator() {
    }

    /**
     * Validates a new or replacing definition.
     *
     * @param pathId the id from the URL for {@code PUT}, {@code null} for {@code POST}
     */
    public static SurveyDefinition toDefinition(SurveyRepresentation request, String pathId, Instant now) {
        if (request == null) {
            throw ApiProblemException.invalid("body", "a survey definition is required");
        }
        String id = request.id();
        if (pathId != null) {
            if (id != null && !id.equals(pathId)) {
                throw ApiProblemException.invalid("id", "the id in the body (" + id + ") differs from the URL ("
                        + pathId + ")");
            }
            id = pathId;
        }
        if (id == null || id.isBlank()) {
            throw ApiProblemException.invalid("id", "id is required");
        }
        if (!ID.matcher(id).matches()) {
            throw ApiProblemException.invalid("id", "id must be 1–64 lower-case letters, digits and dashes, "
                    + "starting with a letter or digit");
        }
        Metric metric = metric(request.metric());
        TriggerDefinition trigger = trigger(request.trigger());
        ScheduleDefinition schedule = schedule(request.schedule());
        if (trigger == null && schedule == null) {
            throw ApiProblemException.invalid("trigger", "a survey needs a trigger, a schedule, or both");
        }
        Duration window = (request.fatigueWindow() == null) ? null
                : duration(request.fatigueWindow(), "fatigueWindow");
        String name = (request.name() == null || request.name().isBlank()) ? id : request.name().strip();
        if (name.length() > 200) {
            throw ApiProblemException.invalid("name", "name is longer than 200 characters");
        }
        SurveyTexts texts = texts(request.texts(), metric);
        List<ExtraQuestionDefinition> questions = questions(request.extraQuestions(), metric);
        boolean enabled = request.enabled() == null || request.enabled();
        return new SurveyDefinition(id, 0, name, metric, enabled, trigger, schedule, window, texts, questions, now,
                now, false);
    }

    /** The score bands of a metric, in the order of the scale. */
    public static List<ScoreCategory> bandsOf(Metric metric) {
        return switch (metric) {
            case NPS -> List.of(ScoreCategory.DETRACTOR, ScoreCategory.PASSIVE, ScoreCategory.PROMOTER);
            case CSAT -> List.of(ScoreCategory.DISSATISFIED, ScoreCategory.NEUTRAL, ScoreCategory.SATISFIED);
            case CES -> List.of(ScoreCategory.DIFFICULT, ScoreCategory.NEUTRAL, ScoreCategory.EASY);
        };
    }

    private static Metric metric(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblemException.invalid("metric", "metric is required: NPS, CSAT or CES");
        }
        try {
            return Metric.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw ApiProblemException.invalid("metric", "metric '" + value + "' is not one of NPS, CSAT, CES");
        }
    }

    private static TriggerDefinition trigger(SurveyRepresentation.Trigger trigger) {
        if (trigger == null) {
            return null;
        }
        if (trigger.eventType() == null || !TRIGGER_EVENT_TYPES.contains(trigger.eventType())) {
            throw ApiProblemException.invalid("trigger.eventType", "trigger.eventType must be one of "
                    + TRIGGER_EVENT_TYPES.stream().sorted().toList() + " but was " + trigger.eventType());
        }
        if (trigger.delay() == null) {
            throw ApiProblemException.invalid("trigger.delay", "trigger.delay is required (ISO-8601, e.g. PT24H; "
                    + "PT0S for at once)");
        }
        Duration delay = duration(trigger.delay(), "trigger.delay");
        double rate = (trigger.sampleRate() == null) ? 1.0 : trigger.sampleRate();
        if (Double.isNaN(rate) || rate < 0.0 || rate > 1.0) {
            throw ApiProblemException.invalid("trigger.sampleRate", "trigger.sampleRate must be between 0 and 1");
        }
        return new TriggerDefinition(trigger.eventType(), delay, filters(trigger.filters(), "trigger.filters"), rate);
    }

    private static ScheduleDefinition schedule(SurveyRepresentation.Schedule schedule) {
        if (schedule == null) {
            return null;
        }
        if (schedule.every() == null) {
            throw ApiProblemException.invalid("schedule.every", "schedule.every is required (e.g. P90D)");
        }
        Duration every = duration(schedule.every(), "schedule.every");
        if (every.compareTo(Duration.ofDays(1)) < 0) {
            throw ApiProblemException.invalid("schedule.every", "schedule.every must be at least P1D");
        }
        Duration spread = (schedule.spreadOver() == null) ? Duration.ZERO
                : duration(schedule.spreadOver(), "schedule.spreadOver");
        if (spread.compareTo(every) > 0) {
            throw ApiProblemException.invalid("schedule.spreadOver", "schedule.spreadOver must not be longer than "
                    + "schedule.every");
        }
        Map<String, List<String>> audience = schedule.audience();
        Map<String, Set<String>> parsed = (audience == null || audience.isEmpty())
                ? Map.of("customerStatus", Set.of("customer"))
                : filters(audience, "schedule.audience");
        return new ScheduleDefinition(every, spread, schedule.startAt(), parsed);
    }

    private static Map<String, Set<String>> filters(Map<String, List<String>> filters, String field) {
        if (filters == null) {
            return Map.of();
        }
        Map<String, Set<String>> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            String name = filter.getKey();
            if (!TriggerFilters.ATTRIBUTES.contains(name)) {
                throw ApiProblemException.invalid(field + "." + name, name + " is not a filterable attribute; use "
                        + TriggerFilters.ATTRIBUTES.stream().sorted().toList());
            }
            List<String> values = filter.getValue();
            if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                throw ApiProblemException.invalid(field + "." + name, "give at least one non-empty value");
            }
            Set<String> lower = new LinkedHashSet<>();
            values.forEach(value -> lower.add(value.strip().toLowerCase(Locale.ROOT)));
            parsed.put(name, lower);
        }
        return parsed;
    }

    private static Duration duration(String value, String field) {
        try {
            Duration duration = Duration.parse(value.strip());
            if (duration.isNegative()) {
                throw ApiProblemException.invalid(field, field + " must not be negative");
            }
            return duration;
        }
        catch (DateTimeParseException ex) {
            throw ApiProblemException.invalid(field, field + " '" + value + "' is not an ISO-8601 duration such as "
                    + "PT24H or P90D");
        }
    }

    private static SurveyTexts texts(SurveyRepresentation.Texts texts, Metric metric) {
        SurveyTexts defaults = DefaultTexts.forMetric(metric);
        if (texts == null) {
            return defaults;
        }
        return new SurveyTexts(
                text(texts.title(), defaults.title(), "texts.title"),
                text(texts.question(), defaults.question(), "texts.question"),
                text(texts.lowLabel(), defaults.lowLabel(), "texts.lowLabel"),
                text(texts.highLabel(), defaults.highLabel(), "texts.highLabel"),
                text(texts.followUpQuestion(), defaults.followUpQuestion(), "texts.followUpQuestion"),
                text(texts.emailSubject(), defaults.emailSubject(), "texts.emailSubject"),
                text(texts.emailIntro(), defaults.emailIntro(), "texts.emailIntro"));
    }

    private static Map<String, String> text(Map<String, String> given, Map<String, String> fallback, String field) {
        if (given == null) {
            return fallback;
        }
        return languages(given, field);
    }

    private static Map<String, String> languages(Map<String, String> given, String field) {
        if (!given.containsKey("en")) {
            throw ApiProblemException.invalid(field + ".en", field + " needs an English text (en), the fallback "
                    + "for every other language");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String language = entry.getKey();
            if (!LANGUAGE.matcher(language).matches()) {
                throw ApiProblemException.invalid(field + "." + language, "'" + language + "' is not a BCP 47 "
                        + "language tag such as en, cs or pl");
            }
            String value = entry.getValue();
            if (value == null || value.isBlank()) {
                throw ApiProblemException.invalid(field + "." + language, "the text must not be empty");
            }
            if (value.length() > MAX_TEXT) {
                throw ApiProblemException.invalid(field + "." + language, "the text is longer than " + MAX_TEXT
                        + " characters");
            }
            parsed.put(language, value.strip());
        }
        return parsed;
    }

    private static List<ExtraQuestionDefinition> questions(List<SurveyRepresentation.ExtraQuestion> questions,
            Metric metric) {
        if (questions == null) {
            return List.of();
        }
        if (questions.size() > 20) {
            throw ApiProblemException.invalid("extraQuestions", "at most 20 extra questions");
        }
        List<ExtraQuestionDefinition> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            String field = "extraQuestions[" + i + "]";
            SurveyRepresentation.ExtraQuestion question = questions.get(i);
            if (question == null) {
                throw ApiProblemException.invalid(field, "the question must not be null");
            }
            if (question.id() == null || !QUESTION_ID.matcher(question.id()).matches()) {
                throw ApiProblemException.invalid(field + ".id", "id must be 1–40 letters, digits, _ or -");
            }
            if (!ids.add(question.id())) {
                throw ApiProblemException.invalid(field + ".id", "id " + question.id() + " is used twice");
            }
            QuestionType type = questionType(question.type(), field + ".type");
            if (question.text() == null) {
                throw ApiProblemException.invalid(field + ".text", "the question text is required");
            }
            Map<String, String> text = languages(question.text(), field + ".text");
            List<ScoreCategory> showFor = showFor(question.showFor(), metric, field + ".showFor");
            Map<String, Map<String, String>> options = new LinkedHashMap<>();
            if (type == QuestionType.SINGLE_CHOICE) {
                if (question.options() == null || question.options().isEmpty()) {
                    throw ApiProblemException.invalid(field + ".options", "a SINGLE_CHOICE question needs options");
                }
                for (Map.Entry<String, Map<String, String>> option : question.options().entrySet()) {
                    String optionField = field + ".options." + option.getKey();
                    if (!QUESTION_ID.matcher(option.getKey()).matches()) {
                        throw ApiProblemException.invalid(optionField, "option ids are 1–40 letters, digits, _ or -");
                    }
                    if (option.getValue() == null) {
                        throw ApiProblemException.invalid(optionField, "the option needs its texts");
                    }
                    options.put(option.getKey(), languages(option.getValue(), optionField));
                }
            }
            else if (question.options() != null && !question.options().isEmpty()) {
                throw ApiProblemException.invalid(field + ".options", "only SINGLE_CHOICE questions have options");
            }
            parsed.add(new ExtraQuestionDefinition(question.id(), type, text, showFor, options,
                    Boolean.TRUE.equals(question.required())));
        }
        return parsed;
    }

    private static QuestionType questionType(String value, String field) {
        if (value == null) {
            throw ApiProblemException.invalid(field, "type is required: RATING, SINGLE_CHOICE or FREE_TEXT");
        }
        try {
            return QuestionType.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw ApiProblemException.invalid(field, "type '" + value + "' is not one of RATING, SINGLE_CHOICE, "
                    + "FREE_TEXT");
        }
    }

    private static List<ScoreCategory> showFor(List<String> values, Metric metric, String field) {
        if (values == null) {
            return List.of();
        }
        List<ScoreCategory> bands = bandsOf(metric);
        List<ScoreCategory> parsed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            ScoreCategory band = null;
            try {
                band = (value == null) ? null : ScoreCategory.valueOf(value.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                band = null;
            }
            if (band == null || !bands.contains(band)) {
                throw ApiProblemException.invalid(field + "[" + i + "]", "'" + value + "' is not a score band of "
                        + metric + "; use " + bands);
            }
            parsed.add(band);
        }
        return parsed;
    }
}
