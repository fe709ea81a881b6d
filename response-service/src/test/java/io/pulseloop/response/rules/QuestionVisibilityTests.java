package io.pulseloop.response.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot.ExtraQuestion;
import io.pulseloop.events.survey.SurveySnapshot.QuestionType;

class QuestionVisibilityTests {

    private final ExtraQuestion always = question("always", List.of());
    private final ExtraQuestion detractors = question("detractors", List.of(ScoreCategory.DETRACTOR));
    private final ExtraQuestion fans = question("fans", List.of(ScoreCategory.PROMOTER, ScoreCategory.PASSIVE));

    @Test
    void showsUnconditionalQuestionsBeforeAnyScore() {
        assertThat(QuestionVisibility.shownFor(List.of(always, detractors, fans), null)).containsExactly(always);
    }

    @Test
    void showsBandQuestionsOnlyForTheirBand() {
        List<ExtraQuestion> all = List.of(always, detractors, fans);

        assertThat(QuestionVisibility.shownFor(all, ScoreCategory.DETRACTOR)).containsExactly(always, detractors);
        assertThat(QuestionVisibility.shownFor(all, ScoreCategory.PASSIVE)).containsExactly(always, fans);
        assertThat(QuestionVisibility.shownFor(null, ScoreCategory.PASSIVE)).isEmpty();
    }

    private static ExtraQuestion question(String id, List<ScoreCategory> showFor) {
        return new ExtraQuestion(id, QuestionType.FREE_TEXT, Map.of("en", id), showFor, Map.of(), false);
    }
}
