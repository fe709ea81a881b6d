package io.pulseloop.survey.definitions;

import java.util.List;
import java.util.Map;

import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot.QuestionType;

/**
 * A question of the company's choosing, shown after the score for the given score bands.
 *
 * @param showFor score bands it is shown for; empty means always
 * @param options for {@link QuestionType#SINGLE_CHOICE}: option id to its texts by language
 */
public record ExtraQuestionDefinition(
        String id,
        QuestionType type,
        Map<String, String> text,
        List<ScoreCategory> showFor,
        Map<String, Map<String, String>> options,
        boolean required) {
}
