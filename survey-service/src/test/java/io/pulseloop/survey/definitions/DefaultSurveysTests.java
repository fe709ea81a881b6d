package io.pulseloop.survey.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;

class DefaultSurveysTests {

    private final List<SurveyDefinition> defaults = DefaultSurveys.all(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void shipsSupportCsatAndRelationshipNpsAsTheContractSays() {
        assertThat(defaults).extracting(SurveyDefinition::id).containsExactly("support-csat", "relationship-nps");
        SurveyDefinition csat = defaults.get(0);
        assertThat(csat.metric()).isEqualTo(Metric.CSAT);
        assertThat(csat.trigger().eventType()).isEqualTo("crm.ticket.closed");
        assertThat(csat.trigger().delay()).isEqualTo(Duration.ofHours(24));
        SurveyDefinition nps = defaults.get(1);
        assertThat(nps.metric()).isEqualTo(Metric.NPS);
        assertThat(nps.trigger().eventType()).isEqualTo("crm.deal.won");
        assertThat(nps.trigger().delay()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void everyTextIsTranslatedIntoEnglishCzechAndPolish() {
        for (SurveyDefinition survey : defaults) {
            SurveyTexts texts = survey.texts();
            for (Map<String, String> text : List.of(texts.title(), texts.question(), texts.lowLabel(),
                    texts.highLabel(), texts.followUpQuestion(), texts.emailSubject(), texts.emailIntro())) {
                assertThat(text).containsOnlyKeys("en", "cs", "pl");
                assertThat(text.get("cs")).isNotEqualTo(text.get("en"));
                assertThat(text.get("pl")).isNotEqualTo(text.get("en")).isNotEqualTo(text.get("cs"));
            }
            survey.extraQuestions().forEach(question -> assertThat(question.text()).containsOnlyKeys("en", "cs",
                    "pl"));
        }
    }

    @Test
    void asksDetractorsWhatToImprove() {
        SurveyDefinition nps = defaults.get(1);
        ExtraQuestionDefinition improve = nps.extraQuestions().stream()
                .filter(question -> question.id().equals("improve")).findFirst().orElseThrow();
        assertThat(improve.showFor()).containsExactly(ScoreCategory.DETRACTOR);
        assertThat(improve.text()).containsEntry("en", "What should we improve?")
                .containsEntry("cs", "Co bychom měli zlepšit?").containsEntry("pl", "Co powinniśmy poprawić?");
    }
}
