package io.pulseloop.response.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LanguageChoiceTests {

    @Test
    void speaksTheContactsLanguageByDefault() {
        assertThat(LanguageChoice.choose(null, null, "cs-CZ")).isEqualTo("cs");
        assertThat(LanguageChoice.choose(null, null, "pl")).isEqualTo("pl");
    }

    @Test
    void acceptLanguageOverridesTheContactsLanguage() {
        assertThat(LanguageChoice.choose(null, "pl-PL,pl;q=0.9,en;q=0.8", "cs")).isEqualTo("pl");
        assertThat(LanguageChoice.choose(null, "de-DE,de;q=0.9,cs;q=0.5", "en")).isEqualTo("cs");
    }

    @Test
    void explicitLangParameterWinsOverEverything() {
        assertThat(LanguageChoice.choose("en", "pl", "cs")).isEqualTo("en");
    }

    @Test
    void ignoresUnsupportedAndMalformedValuesAndFallsBackToEnglish() {
        assertThat(LanguageChoice.choose("xx", "de, fr;q=0.5", "sk")).isEqualTo("en");
        assertThat(LanguageChoice.choose(null, ";;;q=abc", "pl")).isEqualTo("pl");
        assertThat(LanguageChoice.choose("", "", "")).isEqualTo("en");
    }

    @Test
    void picksTextInTheLanguageElseEnglish() {
        Map<String, String> texts = Map.of("en", "Why?", "cs", "Proč?");

        assertThat(LanguageChoice.pick(texts, "cs")).isEqualTo("Proč?");
        assertThat(LanguageChoice.pick(texts, "pl")).isEqualTo("Why?");
        assertThat(LanguageChoice.pick(Map.of(), "pl")).isNull();
    }
}
