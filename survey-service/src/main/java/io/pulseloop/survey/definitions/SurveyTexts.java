package io.pulseloop.survey.definitions;

import java.util.Map;

/**
 * A survey's texts, each a map from language ({@code en}, {@code cs}, {@code pl}, ...) to text. English is always
 * present and is the fallback for a language a text lacks.
 *
 * @param title            the survey's title on its page
 * @param question         the main scale question
 * @param lowLabel         the label of the scale's low end
 * @param highLabel        the label of the scale's high end
 * @param followUpQuestion the open "why?" question asked after the score
 * @param emailSubject     the invitation email's subject
 * @param emailIntro       the invitation email's opening paragraph
 */
public record SurveyTexts(
        Map<String, String> title,
        Map<String, String> question,
        Map<String, String> lowLabel,
        Map<String, String> highLabel,
        Map<String, String> followUpQuestion,
        Map<String, String> emailSubject,
        Map<String, String> emailIntro) {

    /** The text in {@code language}, else in English. */
    public static String in(Map<String, String> text, String language) {
        if (text == null) {
            return "";
        }
        String value = text.get(language);
        return (value != null) ? value : text.getOrDefault("en", "");
    }
}
