package io.pulseloop.response.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.privacy.PersonalDataOpener;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.browser.HeadlessChromium;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * A real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never downloaded)
 * opens the emailed one-click link, picks a score, writes a comment, submits and sees the thank-you page; once in
 * Czech, once in Polish. Screenshots go to {@code target/screenshots}. Skipped, saying why, where the browser or
 * its driver is missing.
 */
class SurveyPageBrowserIntegrationTests extends ResponseServiceIntegrationTest {

    @Autowired
    PersonalDataOpener opener;

    /** A phone's window. */
    @RegisterExtension
    final HeadlessChromium chromium = HeadlessChromium.window(412, 1500).screenshotPrefix("survey-");

    @Test
    void czechRespondentAnswersFromTheEmailLinkAndSeesTheThankYouPage() {
        answerInTheBrowser("cs", "cs-CZ,cs", 3, 2, "Podpora odpověděla až po týdnu <script>", "Děkujeme!",
                "Odeslat");
    }

    @Test
    void polishRespondentAnswersFromTheEmailLinkUsingTheKeyboardAndSeesTheThankYouPage() {
        answerInTheBrowser("pl", "pl-PL,pl", 9, 10, "Świetna obsługa, dziękuję", "Dziękujemy!", "Wyślij");
    }

    private void answerInTheBrowser(String lang, String acceptLanguage, int emailedScore, int finalScore,
            String comment, String thanks, String submitText) {
        TestInvitations.Sent invitation = inviteNps(lang);
        WebDriver browser = chromium.openIn(acceptLanguage);
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            // the link from the email: the score is recorded at once
            browser.get("http://localhost:" + port + "/s/" + invitation.token() + "?score=" + emailedScore);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
            assertThat(browser.findElement(By.id("score-" + emailedScore)).isSelected()).isTrue();
            assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getText()).isEqualTo(submitText);
            chromium.screenshot(lang + "-1-emailed-link");
            probe.awaitRecord(event("ResponseStarted", invitation.contactId()), Duration.ofSeconds(10));

            // a different score: clicked on its label, or reached with the arrow keys from the emailed one
            if (finalScore == emailedScore + 1) {
                browser.findElement(By.id("score-" + emailedScore)).sendKeys(Keys.ARROW_RIGHT);
            }
            else {
                browser.findElement(By.cssSelector("label[for=score-" + finalScore + "]")).click();
            }
            assertThat(browser.findElement(By.id("score-" + finalScore)).isSelected()).isTrue();
            WebElement why = browser.findElement(By.id("comment"));
            why.sendKeys(comment);
            chromium.screenshot(lang + "-2-follow-up");
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            chromium.waitUntil(Duration.ofSeconds(10),
                    driver -> driver.findElement(By.tagName("h1")).getText().equals(thanks));
            chromium.screenshot(lang + "-3-thank-you");
            JsonNode score = value(probe.awaitRecord(r -> invitation.contactId().equals(r.key())
                    && r.topic().equals(Topics.RESPONSE_SCORES) && value(r).path("revision").asInt() == 2,
                    Duration.ofSeconds(10)));
            assertThat(score.path("score").asInt()).isEqualTo(finalScore);
            assertThat(opener.open(score.path("comment").asString())).as("sealed, opens to what was typed")
                    .isEqualTo(comment);
            assertThat(score.path("locale").asString()).isEqualTo(lang);
            probe.awaitRecord(event("ResponseCompleted", invitation.contactId()), Duration.ofSeconds(10));
        }
    }
}
