package io.pulseloop.response.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;

class ScoresTests {

    @ParameterizedTest
    @CsvSource({"NPS,0,DETRACTOR", "NPS,6,DETRACTOR", "NPS,7,PASSIVE", "NPS,8,PASSIVE", "NPS,9,PROMOTER",
        "NPS,10,PROMOTER", "CSAT,1,DISSATISFIED", "CSAT,2,DISSATISFIED", "CSAT,3,NEUTRAL", "CSAT,4,SATISFIED",
        "CSAT,5,SATISFIED", "CES,1,DIFFICULT", "CES,3,DIFFICULT", "CES,4,NEUTRAL", "CES,5,EASY", "CES,7,EASY"})
    void putsEveryScoreInItsBand(Metric metric, int score, ScoreCategory band) {
        assertThat(Scores.categorize(metric, score)).isEqualTo(band);
    }

    @ParameterizedTest
    @CsvSource({"NPS,-1", "NPS,11", "CSAT,0", "CSAT,6", "CES,0", "CES,8"})
    void refusesScoresOffTheScale(Metric metric, int score) {
        assertThat(Scores.isOnScale(metric, score)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Scores.categorize(metric, score));
    }
}
