package io.pulseloop.response.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.privacy.PersonalDataOpener;
import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** The survey pages over real HTTP: one-click scores, the form, languages, errors, security headers. */
class SurveyPageIntegrationTests extends ResponseServiceIntegrationTest {

    @Autowired
    PersonalDataOpener opener;

    @Test
    void oneClickScoreIsStartedAndScoredAndTheFormCommentCompletesIt() {
        TestInvitations.Sent invitation = inviteNps("en");
        PublicHttp browser = http();
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            HttpResponse<String> page = browser.get("/s/" + invitation.token() + "?score=9");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Why did you give this score?", "Thank you, your score is saved");
            assertThat(page.body()).containsPattern("id=\"score-9\"[^>]*checked");
            List<ConsumerRecord<String, String>> started = probe.awaitRecords(2,
                    answerEventOf(invitation.contactId()), Duration.ofSeconds(5));
            assertThat(ofType(started, "ResponseStarted", invitation.contactId())).hasSize(1);
            JsonNode score = value(ofType(started, "ScoreRecorded", invitation.contactId()).get(0));
            assertThat(score.path("channel").asString()).isEqualTo("EMAIL_LINK");
            assertThat(score.path("revision").asInt()).isEqualTo(1);
            probe.assertNoRecord(event("ResponseCompleted", invitation.contactId()), Duration.ofMillis(300));

            HttpResponse<String> thanks = browser.postForm("/s/" + invitation.token(), PublicHttp.form(
                    "_csrf", PublicHttp.csrfToken(page.body()), "lang", "en", "shown", "channel",
                    "score", "9", "comment", "Fast and friendly", "q.channel", "phone"));

            assertThat(thanks.statusCode()).isEqualTo(200);
            assertThat(thanks.body()).contains("Thank you!");
            List<ConsumerRecord<String, String>> all = probe.awaitRecords(5,
                    answerEventOf(invitation.contactId()), Duration.ofSeconds(5));
            assertThat(ofType(all, "ResponseCompleted", invitation.contactId())).hasSize(1);
            JsonNode completedScore = value(ofType(all, "ScoreRecorded", invitation.contactId()).get(1));
            assertThat(completedScore.path("revision").asInt()).isEqualTo(2);
            // what the contact wrote leaves sealed with their data key (docs/privacy.md)
            assertThat(completedScore.path("comment").asString()).startsWith("pii:v1:response/"
                    + invitation.contactId() + ":");
            assertThat(all).noneMatch(r -> r.value().contains("Fast and friendly") || r.value().contains("phone"));
            assertThat(opener.open(completedScore.path("comment").asString())).isEqualTo("Fast and friendly");
            assertThat(opener.open(completedScore.path("answers").path("channel").asString())).isEqualTo("phone");
            assertThat(completedScore.path("channel").asString()).isEqualTo("WEB_PAGE");
        }
    }

    @Test
    void repeatedOneClickOfTheSameScoreIsRecordedOnce() {
        TestInvitations.Sent invitation = inviteNps("en");
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_SCORES)) {
            assertThat(http().get("/s/" + invitation.token() + "?score=7").statusCode()).isEqualTo(200);
            assertThat(http().get("/s/" + invitation.token() + "?score=7").statusCode()).isEqualTo(200);

            probe.awaitRecord(r -> invitation.contactId().equals(r.key()), Duration.ofSeconds(5));
            probe.assertNoRecord(r -> invitation.contactId().equals(r.key()) && value(r).path("revision").asInt() > 1,
                    Duration.ofMillis(500));
        }
    }

    @Test
    void headRequestOfAOneClickLinkRecordsNothing() {
        TestInvitations.Sent invitation = inviteNps("en");
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_SCORES)) {
            assertThat(http().head("/s/" + invitation.token() + "?score=0").statusCode()).isEqualTo(200);

            probe.assertNoRecord(r -> invitation.contactId().equals(r.key()), Duration.ofMillis(500));
        }
    }

    @Test
    void pageSpeaksTheContactsLanguageUnlessAcceptLanguageOrLangSayOtherwise() {
        TestInvitations.Sent invitation = inviteNps("cs");
        String path = "/s/" + invitation.token();

        HttpResponse<String> czech = http().get(path);
        HttpResponse<String> polish = http().get(path, "Accept-Language", "pl-PL,pl;q=0.9");
        HttpResponse<String> english = http().get(path + "?lang=en", "Accept-Language", "pl");

        assertThat(czech.body()).contains("lang=\"cs\"", "Jak pravděpodobné je, že doporučíte Acme", "vůbec ne",
                "určitě ano", "Odeslat");
        assertThat(polish.body()).contains("lang=\"pl\"", "Jak bardzo prawdopodobne jest", "Wyślij");
        assertThat(english.body()).contains("lang=\"en\"", "How likely are you to recommend Acme", "not at all likely",
                "extremely likely", "Send");
    }

    @Test
    void scaleIsARadioGroupWithALegendAndLabelledEnds() {
        TestInvitations.Sent invitation = inviteNps("en");

        String html = http().get("/s/" + invitation.token()).body();

        assertThat(html).containsPattern("<fieldset id=\"score-group\"[^>]*aria-describedby=\"scale-ends\"");
        assertThat(html).containsPattern("<legend class=\"question\">How likely are you to recommend Acme");
        for (int score = 0; score <= 10; score++) {
            assertThat(html).containsPattern("<label class=\"scale-option\" for=\"score-" + score + "\">\\s*"
                    + "<input type=\"radio\" name=\"score\" required id=\"score-" + score + "\"");
        }
        assertThat(html).contains("(not at all likely)", "(extremely likely)", "0 = not at all likely",
                "10 = extremely likely");
        assertThat(html).contains("<label for=\"comment\"");
    }

    @Test
    void builtInTextsStandInWhenTheSurveyHasNone() {
        TestInvitations.Sent invitation = invite(TestInvitations.sent(TestInvitations.csatSurvey(), "pl", now(),
                now().plus(1, ChronoUnit.DAYS)));

        String html = http().get("/s/" + invitation.token()).body();

        assertThat(html).contains("Jak bardzo jesteś zadowolony(-a) z naszej obsługi?", "bardzo niezadowolony(-a)",
                "id=\"score-5\"").doesNotContain("id=\"score-0\"", "id=\"score-6\"");
    }

    @Test
    void extraQuestionsFollowTheScoreBand() {
        TestInvitations.Sent detractor = inviteNps("en");
        TestInvitations.Sent promoter = inviteNps("en");

        String detractorPage = http().get("/s/" + detractor.token() + "?score=3").body();
        String promoterPage = http().get("/s/" + promoter.token() + "?score=10").body();
        String noScoreYet = http().get("/s/" + inviteNps("en").token()).body();

        assertThat(detractorPage).contains("What should we improve first?", "How do you usually contact us?");
        assertThat(promoterPage).contains("How do you usually contact us?")
                .doesNotContain("What should we improve first?");
        assertThat(noScoreYet).contains("How do you usually contact us?")
                .doesNotContain("What should we improve first?");
    }

    @Test
    void formScoreThatRevealsAQuestionAsksItBeforeCompleting() {
        TestInvitations.Sent invitation = inviteNps("en");
        PublicHttp browser = http();
        String page = browser.get("/s/" + invitation.token()).body();
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES)) {
            HttpResponse<String> followUp = browser.postForm("/s/" + invitation.token(), PublicHttp.form(
                    "_csrf", PublicHttp.csrfToken(page), "shown", "channel", "score", "2", "comment", "Too slow"));

            assertThat(followUp.statusCode()).isEqualTo(200);
            assertThat(followUp.body()).contains("What should we improve first?", "Too slow");
            probe.awaitRecord(event("ResponseStarted", invitation.contactId()), Duration.ofSeconds(5));
            probe.assertNoRecord(event("ResponseCompleted", invitation.contactId()), Duration.ofMillis(300));

            HttpResponse<String> thanks = browser.postForm("/s/" + invitation.token(), PublicHttp.form(
                    "_csrf", PublicHttp.csrfToken(followUp.body()), "shown", "channel,improve", "score", "2",
                    "comment", "Too slow", "q.improve", "Response times"));

            assertThat(thanks.body()).contains("Thank you!");
            probe.awaitRecord(event("ResponseCompleted", invitation.contactId()), Duration.ofSeconds(5));
        }
    }

    @Test
    void invalidScoreShowsThePageAgainWith400NamingTheScore() {
        TestInvitations.Sent invitation = inviteNps("en");
        PublicHttp browser = http();

        HttpResponse<String> link = browser.get("/s/" + invitation.token() + "?score=11");
        HttpResponse<String> notANumber = browser.get("/s/" + invitation.token() + "?score=nine");
        HttpResponse<String> form = browser.postForm("/s/" + invitation.token(), PublicHttp.form(
                "_csrf", PublicHttp.csrfToken(link.body()), "score", "abc", "comment", "hm"));

        for (HttpResponse<String> response : List.of(link, notANumber, form)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("data-field=\"score\"", "Choose a score from 0 to 10.",
                    "id=\"score-error\"");
        }
        assertThat(form.body()).contains(">hm</textarea>");
    }

    @Test
    void commentIsShownBackAsTextNeverAsMarkup() {
        TestInvitations.Sent invitation = inviteNps("en");
        http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token()
                + "\",\"score\":4,\"comment\":\"<script>alert('x')</script><b>bold</b>\"}");

        String html = http().get("/s/" + invitation.token()).body();

        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<script>", "<b>bold");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoInlineScriptOrStyle() {
        TestInvitations.Sent invitation = inviteNps("en");

        HttpResponse<String> page = http().get("/s/" + invitation.token());

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; "
                + "style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).doesNotContain("<script", "style=", "<style", "onclick")
                .contains("<link rel=\"stylesheet\" href=\"/css/pulseloop.css\">");
        HttpResponse<String> css = http().get("/css/pulseloop.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    }

    @Test
    void crossSiteFormPostWithoutTheCsrfTokenIsRefused() {
        TestInvitations.Sent invitation = inviteNps("en");

        HttpResponse<String> fromAnotherOrigin = http().postForm("/s/" + invitation.token(),
                PublicHttp.form("score", "9", "comment", "forged"), "Origin", "https://attacker.example");
        HttpResponse<String> markedCrossSite = http().postForm("/s/" + invitation.token(), PublicHttp.form("score", "9"),
                "Sec-Fetch-Site", "cross-site", "Accept", "text/html", "Accept-Language", "cs");

        assertThat(fromAnotherOrigin.statusCode()).isEqualTo(403);
        assertThat(markedCrossSite.statusCode()).isEqualTo(403);
        assertThat(markedCrossSite.body()).contains("Platnost stránky vypršela");
    }

    @Test
    void plainFormPostOfTheContractFieldsIsAcceptedWithoutAToken() {
        TestInvitations.Sent invitation = inviteNps("en");

        HttpResponse<String> plain = http().postForm("/s/" + invitation.token(),
                PublicHttp.form("score", "7", "comment", "Posted by a plain client"));
        HttpResponse<String> sameOriginBrowser = http().postForm("/s/" + invitation.token(),
                PublicHttp.form("score", "8"), "Sec-Fetch-Site", "same-origin");

        // recorded; the page goes on to the survey's extra question for this score's band
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("your score is saved");
        assertThat(sameOriginBrowser.statusCode()).isEqualTo(200);
        assertThat(sameOriginBrowser.body()).contains("your score is saved");
    }

    @Test
    void unknownLinkShowsAFriendlyLocalized404Page() {
        HttpResponse<String> czech = http().get("/s/" + TestInvitations.newToken(), "Accept-Language", "cs");
        HttpResponse<String> english = http().get("/s/" + TestInvitations.newToken());

        assertThat(czech.statusCode()).isEqualTo(404);
        assertThat(czech.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(czech.body()).contains("lang=\"cs\"", "Tento dotazník jsme nenašli");
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.body()).contains("We could not find this survey");
    }

    @Test
    void expiredLinkShowsAFriendlyLocalized410PageInTheContactsLanguage() {
        TestInvitations.Sent invitation = invite(TestInvitations.sent(TestInvitations.npsSurvey(), "pl",
                now().minus(40, ChronoUnit.DAYS), now().minus(10, ChronoUnit.DAYS)));

        HttpResponse<String> page = http().get("/s/" + invitation.token() + "?score=10");

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("lang=\"pl\"", "Ta ankieta została zamknięta");
    }

    /** The contact's records other than the page view ({@code SurveyPageViewed}, tested in PageViewIntegrationTests). */
    private static Predicate<ConsumerRecord<String, String>> answerEventOf(String contactId) {
        return r -> contactId.equals(r.key()) && !"SurveyPageViewed".equals(value(r).path("eventType").asString());
    }
}
