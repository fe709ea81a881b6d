package io.pulseloop.events.survey;

import java.util.List;
import java.util.Map;

/**
 * A survey exactly as it was when an invitation was sent. Editing the survey later never changes it, so the
 * page a customer opens shows the version they were invited with.
 *
 * <p>Texts are maps from BCP 47 language tag ({@code en}, {@code cs}, {@code pl}) to text; readers fall back
 * to {@code en} when the contact's language is missing.
 *
 * @param question         the main scale question, e.g. "How likely are you to recommend …"
 * @param lowLabel         the label of the scale's low end ("not at all likely")
 * @param highLabel        the label of the scale's high end ("extremely likely")
 * @param followUpQuestion the open "why?" question asked after the score
 * @param extraQuestions   the company's own questions, shown by score band
 */
public record SurveySnapshot(
        String surveyId,
        int version,
        Metric metric,
        Map<String, String> title,
        Map<String, String> question,
        Map<String, String> lowLabel,
        Map<String, String> highLabel,
        Map<String, String> followUpQuestion,
        List<ExtraQuestion> extraQuestions) {

    /**
     * A question of the company's choosing.
     *
     * @param showFor the score bands it is shown for; empty means always
     * @param options for {@link QuestionType#SINGLE_CHOICE}: option id to its texts by language
     */
    public record ExtraQuestion(
            String id,
            QuestionType type,
            Map<String, String> text,
            List<ScoreCategory> showFor,
            Map<String, Map<String, String>> options,
            boolean required) {
    }

    /** The kinds of extra question a survey can ask. */
    public enum QuestionType {
        RATING,
        SINGLE_CHOICE,
        FREE_TEXT
    }
}
