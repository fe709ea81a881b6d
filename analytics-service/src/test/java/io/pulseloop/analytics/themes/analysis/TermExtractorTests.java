package io.pulseloop.analytics.themes.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class TermExtractorTests {

    @Test
    void czechPomalyPomalaPomaleAreOneTerm() {
        String pomaly = TermExtractor.terms("Technik byl pomalý", "cs").keySet().stream()
                .filter(t -> t.startsWith("pomal")).findFirst().orElseThrow();

        assertThat(TermExtractor.terms("Podpora je pomalá", "cs")).containsKey(pomaly);
        assertThat(TermExtractor.terms("Pomalé dodání", "cs")).containsKey(pomaly);
    }

    @Test
    void polishInflectionsShareAStem() {
        assertThat(TermExtractor.terms("Bardzo wolna obsługa", "pl").keySet())
                .containsAnyElementsOf(TermExtractor.terms("obsługą byłem zawiedziony", "pl").keySet());
    }

    @Test
    void englishStemsDropStopWordsAndFormBigrams() {
        assertThat(TermExtractor.terms("The invoices were wrong", "en")).containsKeys("invoic", "wrong")
                .doesNotContainKey("the");
        assertThat(TermExtractor.terms("Slow delivery again", "en")).containsKey("slow deliveri")
                .containsEntry("slow deliveri", "slow delivery");
    }

    @Test
    void ranksTheTermsOfTheCategoryByLiftWithCountsOfComments() {
        ThemeRanking ranking = new ThemeRanking("cs", 2);
        UnaryOperator<String> same = UnaryOperator.identity();
        for (String detractor : List.of("Technik byl pomalý", "Podpora je pomalá a drahá", "Pomalé dodání")) {
            ranking.add(detractor, true, same);
        }
        for (String promoter : List.of("Rychlé dodání", "Skvělá podpora", "Rychlý technik", "Dodání rychlé")) {
            ranking.add(promoter, false, same);
        }

        ThemeRanking.Theme top = ranking.top(10).get(0);
        assertThat(top.stem()).startsWith("pomal");
        assertThat(top.count()).isEqualTo(3);
        assertThat(top.lift()).isEqualTo((3.0 / 3) / (3.0 / 7));
        assertThat(top.examples()).hasSize(3);
        assertThat(ranking.top(10)).allSatisfy(theme -> assertThat(theme.count()).isGreaterThanOrEqualTo(2));
    }
}
