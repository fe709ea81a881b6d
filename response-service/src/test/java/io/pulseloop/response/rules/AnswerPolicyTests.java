package io.pulseloop.response.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.response.rules.AnswerPolicy.Current;
import io.pulseloop.response.rules.AnswerPolicy.Decision;
import io.pulseloop.response.rules.AnswerPolicy.Incoming;
import io.pulseloop.response.rules.AnswerPolicy.Kind;

class AnswerPolicyTests {

    @Test
    void oneClickScoreStartsAResponseWithoutCompletingIt() {
        Decision decision = AnswerPolicy.decide(null, new Incoming(9, null, Map.of(), false, true));

        assertThat(decision.kind()).isEqualTo(Kind.STARTED);
        assertThat(decision.revision()).isEqualTo(1);
        assertThat(decision.completesNow()).isFalse();
    }

    @Test
    void commentAfterAOneClickScoreRevisesAndCompletes() {
        Current started = new Current(1, 9, null, Map.of(), false);

        Decision decision = AnswerPolicy.decide(started, new Incoming(9, "Great support", Map.of(), true, false));

        assertThat(decision.kind()).isEqualTo(Kind.REVISED);
        assertThat(decision.revision()).isEqualTo(2);
        assertThat(decision.previousScore()).isEqualTo(9);
        assertThat(decision.comment()).isEqualTo("Great support");
        assertThat(decision.completesNow()).isTrue();
    }

    @Test
    void repeatedOneClickOfTheSameScoreChangesNothing() {
        Current started = new Current(1, 9, null, Map.of(), false);

        assertThat(AnswerPolicy.decide(started, new Incoming(9, null, Map.of(), false, true)).kind())
                .isEqualTo(Kind.UNCHANGED);
        assertThat(AnswerPolicy.decide(started, new Incoming(4, null, Map.of(), false, true)).kind())
                .isEqualTo(Kind.REVISED);
    }

    @Test
    void completesOnlyOnce() {
        Current completed = new Current(2, 9, "Great", Map.of(), true);

        Decision decision = AnswerPolicy.decide(completed, new Incoming(3, "Changed my mind", Map.of(), true, false));

        assertThat(decision.completesNow()).isFalse();
        assertThat(decision.completed()).isTrue();
        assertThat(decision.revision()).isEqualTo(3);
    }

    @Test
    void oneClickRevisionKeepsTheCommentAndMergesAnswers() {
        Current completed = new Current(2, 9, "Great", Map.of("channel", "email", "improve", "x"), true);

        Decision decision = AnswerPolicy.decide(completed,
                new Incoming(8, null, Map.of("channel", "phone", "improve", " "), false, true));

        assertThat(decision.score()).isEqualTo(8);
        assertThat(decision.comment()).isEqualTo("Great");
        assertThat(decision.answers()).containsExactly(Map.entry("channel", "phone"));
    }

    @Test
    void blankCommentClearsIt() {
        Current current = new Current(1, 9, "Great", Map.of(), false);

        assertThat(AnswerPolicy.decide(current, new Incoming(9, "  ", Map.of(), true, false)).comment()).isNull();
    }
}
