package io.pulseloop.survey.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.survey.definitions.DefaultSurveys;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.definitions.SurveyTexts;

class InvitationEmailRendererTests {

    private static final Instant EXPIRES = Instant.parse("2026-12-22T10:00:00Z");
    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    private final InvitationEmailRenderer renderer = new InvitationEmailRenderer("https://feedback.example/");
    private final List<SurveyDefinition> defaults = DefaultSurveys.all(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void linksEveryScoreOfTheScaleTheSurveyAndTheUnsubscribePage() {
        RenderedEmail email = renderer.render(nps(), "en", "TOKEN", EXPIRES, PRAGUE, false);
        assertThat(email.surveyUrl()).isEqualTo("https://feedback.example/s/TOKEN");
        assertThat(email.unsubscribeUrl()).isEqualTo("https://feedback.example/u/TOKEN");
        assertThat(email.scoreUrls()).hasSize(11).first().isEqualTo("https://feedback.example/s/TOKEN?score=0");
        assertThat(email.scoreUrls()).last().isEqualTo("https://feedback.example/s/TOKEN?score=10");
        for (String body : List.of(email.text(), email.html())) {
            email.scoreUrls().forEach(url -> assertThat(body).contains(url));
            assertThat(body).contains(email.surveyUrl()).contains(email.unsubscribeUrl());
        }
        assertThat(email.text()).contains("Unsubscribe from surveys");
    }

    @Test
    void writesInTheContactsLanguage() {
        RenderedEmail polish = renderer.render(nps(), "pl", "TOKEN", EXPIRES, PRAGUE, false);
        assertThat(polish.subject()).isEqualTo("Czy polecił(a)byś nas?");
        assertThat(polish.text()).contains("Dzień dobry").contains("Wypisz się z ankiet")
                .contains("Jak prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?");
        RenderedEmail czechReminder = renderer.render(nps(), "cs", "TOKEN", EXPIRES, PRAGUE, true);
        assertThat(czechReminder.subject()).startsWith("Připomínka: ");
        assertThat(czechReminder.html()).contains("lang=\"cs\"");
    }

    @Test
    void fallsBackToEnglishForALanguageTheSurveyLacks() {
        assertThat(InvitationEmailRenderer.languageFor(nps(), "de")).isEqualTo("en");
        assertThat(InvitationEmailRenderer.languageFor(nps(), "cs")).isEqualTo("cs");
        assertThat(InvitationEmailRenderer.languageFor(nps(), null)).isEqualTo("en");
    }

    @Test
    void escapesEveryTextInTheHtml() {
        SurveyDefinition nps = nps();
        Map<String, String> hostile = Map.of("en", "<script>alert('x')</script> & \"friends\"");
        SurveyTexts texts = new SurveyTexts(hostile, hostile, hostile, hostile, hostile, hostile, hostile);
        SurveyDefinition hostileSurvey = new SurveyDefinition(nps.id(), 1, nps.name(), nps.metric(), true,
                nps.trigger(), null, null, texts, List.of(), nps.createdAt(), nps.updatedAt(), false);
        RenderedEmail email = renderer.render(hostileSurvey, "en", "TOKEN", EXPIRES, PRAGUE, false);
        assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&amp; &quot;friends&quot;");
    }

    @Test
    void rendersEachMessageWithItsOwnTokenAndOtherwiseTheSameBodies() {
        RenderedEmail first = renderer.render(nps(), "cs", "FIRST_token-1", EXPIRES, PRAGUE, false);
        RenderedEmail second = renderer.render(nps(), "cs", "second_TOKEN-2", EXPIRES, PRAGUE, false);
        assertThat(second.text()).isEqualTo(first.text().replace("FIRST_token-1", "second_TOKEN-2"))
                .doesNotContain("FIRST_token-1").doesNotContain(InvitationEmailRenderer.TOKEN_PLACEHOLDER);
        assertThat(second.html()).isEqualTo(first.html().replace("FIRST_token-1", "second_TOKEN-2"))
                .contains("https://feedback.example/s/second_TOKEN-2?score=10");
        assertThat(renderer.render(nps(), "cs", "x", EXPIRES.plus(Duration.ofDays(1)), PRAGUE, false)
                .text()).as("another expiry date is another body").doesNotContain("22. prosince 2026")
                .contains("23. prosince 2026");
    }

    private SurveyDefinition nps() {
        return defaults.get(1);
    }
}
