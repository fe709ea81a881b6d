package io.pulseloop.response.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.privacy.PersonalDataOpener;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
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

    private static final Logger log = LoggerFactory.getLogger(SurveyPageBrowserIntegrationTests.class);

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private ChromeDriverService service;
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void browserIsInstalled() {
        Assumptions.assumeTrue(CHROMIUM.canExecute(), "Chromium is not installed at " + CHROMIUM
                + " (apt-get install -y chromium chromium-driver); skipping the real-browser test");
        Assumptions.assumeTrue(CHROMEDRIVER.canExecute(), "chromedriver is not installed at " + CHROMEDRIVER
                + " (apt-get install -y chromium-driver); skipping the real-browser test");
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void czechRespondentAnswersFromTheEmailLinkAndSeesTheThankYouPage() throws IOException {
        answerInTheBrowser("cs", "cs-CZ,cs", 3, 2, "Podpora odpověděla až po týdnu <script>", "Děkujeme!",
                "Odeslat");
    }

    @Test
    void polishRespondentAnswersFromTheEmailLinkUsingTheKeyboardAndSeesTheThankYouPage() throws IOException {
        answerInTheBrowser("pl", "pl-PL,pl", 9, 10, "Świetna obsługa, dziękuję", "Dziękujemy!", "Wyślij");
    }

    private void answerInTheBrowser(String lang, String acceptLanguage, int emailedScore, int finalScore,
            String comment, String thanks, String submitText) throws IOException {
        TestInvitations.Sent invitation = inviteNps(lang);
        open(acceptLanguage);
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            // the link from the email: the score is recorded at once
            browser.get("http://localhost:" + port + "/s/" + invitation.token() + "?score=" + emailedScore);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
            assertThat(browser.findElement(By.id("score-" + emailedScore)).isSelected()).isTrue();
            assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getText()).isEqualTo(submitText);
            screenshot(lang + "-1-emailed-link");
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
            screenshot(lang + "-2-follow-up");
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                    .until(driver -> driver.findElement(By.tagName("h1")).getText().equals(thanks));
            screenshot(lang + "-3-thank-you");
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

    private void open(String acceptLanguage) throws IOException {
        profile = Files.createTempDirectory("pulseloop-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=412,1500", "--user-data-dir=" + profile,
                "--lang=" + acceptLanguage.split(",")[0], "--accept-lang=" + acceptLanguage);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve("survey-" + name + ".png");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        log.info("Screenshot {}", target.toAbsolutePath());
    }
}
