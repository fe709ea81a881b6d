package io.pulseloop.survey.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pulseloop.survey.definitions.DefaultSurveys;
import io.pulseloop.survey.definitions.SurveyDefinition;

/**
 * The Thymeleaf templates say what the hand-written {@code StringBuilder} rendering said, in every language and for
 * both default surveys, invitation and reminder: the files under {@code email-before-templates/} were rendered by the
 * old code. Text bodies and subjects are identical byte for byte; the HTML is identical apart from the line breaks
 * between tags.
 */
class InvitationEmailTemplatesTests {

    private final InvitationEmailRenderer renderer = new InvitationEmailRenderer("https://feedback.example/");
    private final List<SurveyDefinition> defaults = DefaultSurveys.all(Instant.parse("2026-11-22T10:00:00Z"));

    @ParameterizedTest
    @CsvSource({"0,en,false", "0,cs,false", "0,pl,false", "0,en,true", "0,cs,true", "0,pl,true",
            "1,en,false", "1,cs,false", "1,pl,false", "1,en,true", "1,cs,true", "1,pl,true"})
    void rendersWhatTheHandWrittenRendererDid(int survey, String language, boolean reminder) throws IOException {
        SurveyDefinition definition = defaults.get(survey);
        RenderedEmail email = renderer.render(definition, language, "TOKEN", Instant.parse("2026-12-22T10:00:00Z"),
                ZoneId.of("Europe/Prague"), reminder);
        String name = definition.id() + "-" + language + (reminder ? "-reminder" : "");

        assertThat(email.subject() + "\n----\n" + email.text()).isEqualTo(before(name + ".txt"));
        assertThat(betweenTags(email.html())).isEqualTo(betweenTags(before(name + ".html")));
    }

    private static String betweenTags(String html) {
        return html.replace("\n", "").replaceAll(">\\s+<", "><");
    }

    private static String before(String name) throws IOException {
        try (InputStream in = InvitationEmailTemplatesTests.class.getResourceAsStream("/email-before-templates/"
                + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
