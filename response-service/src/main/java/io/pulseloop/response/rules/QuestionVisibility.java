package io.pulseloop.response.rules;

import java.util.List;

import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot.ExtraQuestion;

/** Which of a survey's extra questions a respondent sees, given the band of their score. */
public final class QuestionVisibility {

    private QuestionVisibility() {
    }

    /**
     * The questions shown for a band, in survey order. A question with no {@code showFor} is always shown; one
     * with bands is shown only once the score is known and falls in one of them.
     *
     * @param band the band of the score, {@code null} while no score is known
     */
    public static List<ExtraQuestion> shownFor(List<ExtraQuestion> questions, ScoreCategory band) {
        if (questions == null) {
            return List.of();
        }
        return questions.stream().filter(question -> isShown(question, band)).toList();
    }

    /** Whether one question is shown for the band ({@code null}: no score yet). */
    public static boolean isShown(ExtraQuestion question, ScoreCategory band) {
        List<ScoreCategory> showFor = question.showFor();
        return showFor == null || showFor.isEmpty() || (band != null && showFor.contains(band));
    }
}
