package io.pulseloop.survey.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.survey.web.ApiProblemException;

class SurveyValidatorTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void acceptsTheContractsMinimalSurveyAndFillsInTheMetricsTexts() {
        SurveyDefinition survey = SurveyValidator.toDefinition(minimal("support-ces", "CES", "PT0S"), null, NOW);
        assertThat(survey.metric()).isEqualTo(Metric.CES);
        assertThat(survey.trigger().delay()).isEqualTo(Duration.ZERO);
        assertThat(survey.trigger().sampleRate()).isEqualTo(1.0);
        assertThat(survey.enabled()).isTrue();
        assertThat(survey.texts().question()).containsKeys("en", "cs", "pl");
        assertThat(survey.texts().emailSubject()).containsKeys("en", "cs", "pl");
    }

    @Test
    void namesTheFieldAtFault() {
        assertThat(fieldOf(minimal("x", "NPS", "24 hours"))).isEqualTo("trigger.delay");
        assertThat(fieldOf(minimal("x", "STARS", "PT1H"))).isEqualTo("metric");
        assertThat(fieldOf(minimal("X Y", "NPS", "PT1H"))).isEqualTo("id");
        assertThat(fieldOf(minimal("x", "NPS", "-PT1H"))).isEqualTo("trigger.delay");
        assertThat(fieldOf(new SurveyRepresentation("x", null, null, "NPS", null,
                new SurveyRepresentation.Trigger("crm.ticket.reopened", "PT1H", null, null), null, null, null, null,
                null, null))).isEqualTo("trigger.eventType");
        assertThat(fieldOf(new SurveyRepresentation("x", null, null, "NPS", null,
                new SurveyRepresentation.Trigger("crm.ticket.closed", "PT1H", Map.of("colour", List.of("red")), null),
                null, null, null, null, null, null))).isEqualTo("trigger.filters.colour");
        assertThat(fieldOf(new SurveyRepresentation("x", null, null, "NPS", null,
                new SurveyRepresentation.Trigger("crm.ticket.closed", "PT1H", null, 1.5), null, null, null, null,
                null, null))).isEqualTo("trigger.sampleRate");
        assertThat(fieldOf(new SurveyRepresentation("x", null, null, "NPS", null, null, null, null, null, null, null,
                null))).isEqualTo("trigger");
    }

    @Test
    void requiresEnglishInEveryTextAsTheFallback() {
        SurveyRepresentation request = new SurveyRepresentation("x", null, null, "NPS", null,
                new SurveyRepresentation.Trigger("crm.deal.won", "P90D", null, null), null, null,
                new SurveyRepresentation.Texts(null, Map.of("cs", "Doporučili byste nás?"), null, null, null, null,
                        null), null, null, null);
        assertThat(fieldOf(request)).isEqualTo("texts.question.en");
    }

    @Test
    void validatesExtraQuestionsAgainstTheMetricsScoreBands() {
        SurveyRepresentation.ExtraQuestion improve = new SurveyRepresentation.ExtraQuestion("improve", "FREE_TEXT",
                Map.of("en", "What should we improve?"), List.of("DETRACTOR"), null, false);
        SurveyRepresentation nps = withQuestions("NPS", improve);
        assertThat(SurveyValidator.toDefinition(nps, null, NOW).extraQuestions().get(0).showFor())
                .containsExactly(ScoreCategory.DETRACTOR);
        assertThat(fieldOf(withQuestions("CSAT", improve))).isEqualTo("extraQuestions[0].showFor[0]");
        SurveyRepresentation.ExtraQuestion choiceWithoutOptions = new SurveyRepresentation.ExtraQuestion("why",
                "SINGLE_CHOICE", Map.of("en", "Why?"), null, null, false);
        assertThat(fieldOf(withQuestions("NPS", choiceWithoutOptions))).isEqualTo("extraQuestions[0].options");
        SurveyRepresentation.ExtraQuestion badType = new SurveyRepresentation.ExtraQuestion("why", "ESSAY",
                Map.of("en", "Why?"), null, null, false);
        assertThat(fieldOf(withQuestions("NPS", badType))).isEqualTo("extraQuestions[0].type");
    }

    @Test
    void takesTheIdFromTheUrlOnReplaceAndRejectsAMismatch() {
        SurveyRepresentation body = minimal("other", "NPS", "PT1H");
        assertThat(catchThrowableOfType(ApiProblemException.class,
                () -> SurveyValidator.toDefinition(body, "mine", NOW)).field()).isEqualTo("id");
        assertThat(SurveyValidator.toDefinition(minimal(null, "NPS", "PT1H"), "mine", NOW).id()).isEqualTo("mine");
    }

    @Test
    void defaultsAScheduledSurveysAudienceToCurrentCustomers() {
        SurveyRepresentation scheduled = new SurveyRepresentation("pulse", null, null, "NPS", null, null,
                new SurveyRepresentation.Schedule("P90D", "P14D", null, null), null, null, null, null, null);
        SurveyDefinition survey = SurveyValidator.toDefinition(scheduled, null, NOW);
        assertThat(survey.schedule().audience()).containsEntry("customerStatus", java.util.Set.of("customer"));
        assertThat(fieldOf(new SurveyRepresentation("pulse", null, null, "NPS", null, null,
                new SurveyRepresentation.Schedule("P90D", "P100D", null, null), null, null, null, null, null)))
                .isEqualTo("schedule.spreadOver");
    }

    private static SurveyRepresentation minimal(String id, String metric, String delay) {
        return new SurveyRepresentation(id, null, null, metric, null,
                new SurveyRepresentation.Trigger("crm.ticket.closed", delay, null, null), null, null, null, null,
                null, null);
    }

    private static SurveyRepresentation withQuestions(String metric, SurveyRepresentation.ExtraQuestion question) {
        return new SurveyRepresentation("x", null, null, metric, null,
                new SurveyRepresentation.Trigger("crm.ticket.closed", "PT1H", null, null), null, null, null,
                List.of(question), null, null);
    }

    private static String fieldOf(SurveyRepresentation request) {
        ApiProblemException problem = catchThrowableOfType(ApiProblemException.class,
                () -> SurveyValidator.toDefinition(request, null, NOW));
        assertThat(problem).as("expected the request to be rejected").isNotNull();
        assertThat(problem.status()).isEqualTo(400);
        return problem.field();
    }
}
