package io.pulseloop.analytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulseloop.analytics.AnalyticsApi;
import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.StaffAuthTestConfiguration;
import io.pulseloop.analytics.TestEvents;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.browser.HeadlessChromium;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/**
 * A real browser (Debian's headless Chromium and chromedriver, never downloaded) opens the dashboard over twelve
 * weeks of real answers published on the broker: the charts draw, every chart's table has the API's numbers, the
 * segment table sorts by score, the themes show the Czech comments' stem once, and the page speaks Czech and
 * English. Screenshots go to {@code target/screenshots}. Skipped, saying why, where the browser is missing.
 */
@AnalyticsIntegrationTest
class DashboardBrowserIntegrationTests {

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();
    private static final String[] REGIONS = {"Praha", "Brno", "Ostrava", "Kraków", "Wrocław"};
    private static final String[] PRAISE = {"Rychlá a ochotná podpora", "Skvělý technik, vše vyřešil",
        "Spolehlivý produkt, doporučuji"};
    private static final String[] COMPLAINTS = {"Technik byl pomalý a nepřišel včas", "Podpora je pomalá",
        "Pomalé dodání a drahá faktura", "Faktura byla chybná", "Drahá údržba"};

    @RegisterExtension
    final HeadlessChromium chromium = HeadlessChromium.window(1400, 1900);

    @LocalServerPort
    int port;

    @AfterAll
    static void closeClient() {
        KAFKA.close();
    }

    @Test
    void showsTrendsSegmentsThemesFollowUpAndRevenueFromTheApiInCzechAndEnglish() throws Exception {
        // given: twelve weeks of NPS answers with Czech comments, deals and follow-up tasks
        String surveyId = "relationship-nps-" + UUID.randomUUID().toString().substring(0, 6);
        int answers = publishTwelveWeeksOfAnswers(surveyId);
        AnalyticsApi api = new AnalyticsApi(port);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.json(
                "/api/v1/analytics/scores?surveyId=" + surveyId).path("overall").path("responses").asInt())
                .isEqualTo(answers));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String filters = "surveyId=" + surveyId + "&from=" + today.minusDays(83) + "&to=" + today
                + "&dimension=region&granularity=week";

        // when: a staff member opens the dashboard in Czech, with the bearer token an identity-aware proxy would add
        ChromeDriver browser = chromium.open(Map.of("Authorization",
                "Bearer " + StaffAuthTestConfiguration.ADMIN_TOKEN));
        browser.get("http://localhost:" + port + "/dashboard?lang=cs&" + filters);
        awaitLoaded();

        // then
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cs");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Zpětná vazba zákazníků");
        assertThat(browser.findElements(By.cssSelector("#trend-data tbody tr"))).hasSizeGreaterThanOrEqualTo(12);
        assertThat(browser.findElements(By.cssSelector("#bands-data tbody tr"))).hasSizeGreaterThanOrEqualTo(12);
        assertThat(browser.findElements(By.cssSelector("#segments tbody tr"))).hasSize(REGIONS.length);
        assertThat(browser.findElement(By.id("overall-detail")).getText()).contains("n = " + answers);
        assertThat((Boolean) browser.executeScript("return Chart.getChart('trend-chart').data.datasets.length === 3"
                + " && Chart.getChart('bands-chart').data.datasets.length === 3")).isTrue();

        WebElement scoreHeading = browser.findElements(By.cssSelector("#segments th")).get(2);
        scoreHeading.click();
        assertThat(scoreHeading.getAttribute("aria-sort")).isEqualTo("descending");
        List<Double> scores = browser.findElements(By.cssSelector("#segments tbody tr td:nth-child(3)")).stream()
                .map(td -> Double.parseDouble(td.getText().replace(",", ".").replace("\u00a0", "")
                        .replace("−", "-"))).toList();
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());

        List<String> terms = browser.findElements(By.cssSelector("#theme-list .theme-term")).stream()
                .map(WebElement::getText).toList();
        assertThat(terms.stream().filter(t -> t.startsWith("pomal") && !t.contains(" "))).hasSize(1);
        assertThat(browser.findElement(By.id("followup")).getText()).contains("Otevřené úkoly");
        chromium.screenshot("dashboard-cs");

        // and in English, the same numbers
        browser.get("http://localhost:" + port + "/dashboard?lang=en&" + filters);
        awaitLoaded();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Customer feedback");
        assertThat(browser.findElements(By.cssSelector("#segments tbody tr"))).hasSize(REGIONS.length);
        Path english = chromium.screenshot("dashboard-en");
        Files.copy(english, HeadlessChromium.SCREENSHOTS.resolve("dashboard.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private int publishTwelveWeeksOfAnswers(String surveyId) {
        TestEvents events = new TestEvents(KAFKA);
        Random random = new Random(42);
        List<ScoreRecorded> scores = new ArrayList<>();
        Instant now = Instant.now();
        String run = surveyId.substring(surveyId.length() - 6);
        int count = 420;
        for (int i = 0; i < count; i++) {
            int region = i % REGIONS.length;
            // regions differ, and the score improves over the weeks
            double base = 6.2 + region * 0.55 + (i * 1.4 / count);
            int score = (int) Math.max(0, Math.min(10, Math.round(base + random.nextGaussian() * 2.4)));
            String comment = score <= 6 ? COMPLAINTS[random.nextInt(COMPLAINTS.length)]
                    : score >= 9 ? PRAISE[random.nextInt(PRAISE.length)] : null;
            Instant at = now.minus(Duration.ofDays(83L * (count - i) / count)).minusSeconds(60);
            String contactId = "dash-" + run + "-" + i;
            scores.add(TestEvents.score(surveyId, Metric.NPS, contactId, "resp-" + run + "-" + i, 1, score, at,
                    comment, "cs", TestEvents.context("acc-" + run + "-" + (i % 40), AccountTier.STANDARD,
                            REGIONS[region], "branch-" + (i % 3), "owner-" + (i % 4), "product-" + (i % 2))));
            if (i % 9 == 0) {
                events.dealWon(contactId, "deal-" + run + "-" + i, at.plusSeconds(3600),
                        Integer.toString(20_000 + random.nextInt(200_000)), i % 2 == 0 ? "CZK" : "EUR",
                        "product-" + (i % 2));
            }
            if (score <= 6 && i % 4 == 0) {
                events.detractorTask("task-" + run + "-" + i, contactId, "resp-" + run + "-" + i, score,
                        at.plusSeconds(600), i % 8 == 0 ? Duration.ofHours(2 + i % 5) : null, i % 3 != 0);
            }
        }
        events.publishAll(scores);
        return count;
    }

    private void awaitLoaded() {
        chromium.waitUntil(Duration.ofSeconds(30), driver ->
                "true".equals(driver.findElement(By.id("dashboard")).getAttribute("data-loaded")));
    }
}
