package io.pulseloop.response.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot;
import io.pulseloop.events.survey.SurveySnapshot.ExtraQuestion;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.rules.LanguageChoice;
import io.pulseloop.response.rules.QuestionVisibility;
import io.pulseloop.response.rules.Scores;

/** Builds {@link SurveyPage}s from an invitation's survey snapshot, with built-in texts where it has none. */
@Component
class SurveyPages {

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "cs", "Čeština",
            "pl", "Polski");

    private final MessageSource messages;

    SurveyPages(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param score    the selected score, {@code null} if none yet
     * @param comment  the comment to show back
     * @param answers  extra answers to show back, by question id
     * @param errors   field to message
     */
    SurveyPage build(String token, String lang, Invitation invitation, Integer score, String comment,
            Map<String, String> answers, boolean scoreRecorded, boolean completed, Map<String, String> errors) {
        SurveySnapshot survey = invitation.survey();
        Metric metric = survey.metric();
        Locale locale = Locale.forLanguageTag(lang);
        String low = text(survey.lowLabel(), lang, "survey.default." + metric + ".low", locale);
        String high = text(survey.highLabel(), lang, "survey.default." + metric + ".high", locale);
        List<SurveyPage.ScoreOption> scale = new ArrayList<>();
        for (int value = metric.min(); value <= metric.max(); value++) {
            String end = value == metric.min() ? low : value == metric.max() ? high : null;
            scale.add(new SurveyPage.ScoreOption(value, end, score != null && score == value));
        }
        ScoreCategory band = score != null && Scores.isOnScale(metric, score) ? Scores.categorize(metric, score) : null;
        List<ExtraQuestion> shownQuestions = QuestionVisibility.shownFor(survey.extraQuestions(), band);
        List<SurveyPage.QuestionView> questions = shownQuestions.stream()
                .map(question -> question(question, lang, answers.get(question.id()),
                        errors.get("answers." + question.id())))
                .toList();
        List<SurveyPage.LanguageLink> languages = LanguageChoice.SUPPORTED.stream()
                .map(code -> new SurveyPage.LanguageLink(code, LANGUAGE_NAMES.get(code), code.equals(lang)))
                .toList();
        return new SurveyPage(token, lang,
                text(survey.title(), lang, "survey.default.title", locale),
                text(survey.question(), lang, "survey.default." + metric + ".question", locale),
                low, high, scale,
                text(survey.followUpQuestion(), lang, "survey.default.followUp", locale),
                comment, questions,
                shownQuestions.stream().map(ExtraQuestion::id).collect(Collectors.joining(",")),
                scoreRecorded, completed, new LinkedHashMap<>(errors), languages);
    }

    /** The survey's title in the language, for the thank-you and unsubscribe pages. */
    String title(Invitation invitation, String lang) {
        return text(invitation.survey().title(), lang, "survey.default.title", Locale.forLanguageTag(lang));
    }

    private SurveyPage.QuestionView question(ExtraQuestion question, String lang, String value, String error) {
        List<SurveyPage.OptionView> options = new ArrayList<>();
        switch (question.type()) {
            case RATING -> {
                for (int rating = 1; rating <= 5; rating++) {
                    String id = Integer.toString(rating);
                    options.add(new SurveyPage.OptionView(id, id, id.equals(value)));
                }
            }
            case SINGLE_CHOICE -> {
                if (question.options() != null) {
                    question.options().forEach((id, texts) -> options.add(new SurveyPage.OptionView(id,
                            LanguageChoice.pick(texts, lang), id.equals(value))));
                }
            }
            case FREE_TEXT -> {
                // a text area, no options
            }
        }
        return new SurveyPage.QuestionView(question.id(), question.type().name(),
                LanguageChoice.pick(question.text(), lang), question.required(), options, value, error);
    }

    private String text(Map<String, String> texts, String lang, String fallbackKey, Locale locale) {
        String text = LanguageChoice.pick(texts, lang);
        return text != null && !text.isBlank() ? text : messages.getMessage(fallbackKey, null, locale);
    }
}
