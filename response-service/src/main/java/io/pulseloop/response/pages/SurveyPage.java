package io.pulseloop.response.pages;

import java.util.List;
import java.util.Map;

/**
 * Everything the survey page template shows, already in the page's language. Texts are plain strings; the
 * template escapes them (comments included), so nothing a respondent types is ever rendered as markup.
 *
 * @param shown         ids of the extra questions on the page, comma-separated, posted back so the server knows
 *                      which band-dependent questions the respondent has not seen yet
 * @param scoreRecorded whether a score is already saved (one-click or earlier answer)
 * @param errors        field name ({@code score}, {@code comment}, {@code answers.<id>}) to message
 */
record SurveyPage(String token, String lang, String title, String question, String lowLabel, String highLabel,
        List<ScoreOption> scale, String followUpQuestion, String comment, List<QuestionView> questions,
        String shown, boolean scoreRecorded, boolean completed, Map<String, String> errors,
        List<LanguageLink> languages) {

    /** One radio button of the scale; {@code endLabel} names the scale's end it stands for, if it is one. */
    record ScoreOption(int value, String endLabel, boolean checked) {
    }

    /** An extra question; {@code type} is {@code RATING}, {@code SINGLE_CHOICE} or {@code FREE_TEXT}. */
    record QuestionView(String id, String type, String text, boolean required, List<OptionView> options,
            String value, String error) {

        public String fieldName() {
            return "q." + id;
        }

        public String elementId() {
            return "q-" + id.replaceAll("[^A-Za-z0-9_-]", "_");
        }
    }

    /** One choice of an extra question. */
    record OptionView(String id, String text, boolean checked) {
    }

    /** A link to the page in another language. */
    record LanguageLink(String lang, String name, boolean current) {
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public String error(String field) {
        return errors.get(field);
    }
}
