package io.pulseloop.closedloop.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;

/**
 * A real browser: headless Chromium (the system's {@code chromium} and {@code chromedriver}, never downloaded), an
 * agent whose bearer JWT the browser sends on every request, works a task in the Czech inbox: opens it from the
 * list, logs an unreached attempt, then resolves it with a root cause, by plain form posts. Screenshots go to
 * {@code target/screenshots}. Skipped, saying why, where the browser or its driver is missing.
 */
@ClosedLoopIntegrationTest
class InboxBrowserIntegrationTests {

    private static final Logger LOG = LoggerFactory.getLogger(InboxBrowserIntegrationTests.class);
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    private ChromeDriverService service;
    private ChromeDriver browser;
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
    void agentLogsAnUnreachedAttemptAndResolvesTheTaskInCzech() throws IOException {
        Scenario api = new Scenario(port);
        String agent = Scenario.unique("agent");
        String contactId = Scenario.unique("c");
        Scenario.owner(agent, null);
        Scenario.contact(contactId, agent, AccountTier.KEY, false, "cs");
        Scenario.publish(Scenario.score(contactId, agent, Scenario.unique("r"), 1, Metric.NPS, 2,
                "Technik nepřišel <script>alert(1)</script>", AccountTier.KEY));
        String admin = TestTokens.bearer("admin-1", "ADMIN");
        String taskId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode content = api.getJson("/api/v1/tasks?contactId=" + contactId, admin).get("content");
            return content.isEmpty() ? null : content.get(0).get("id").asString();
        }, id -> id != null);
        open(TestTokens.bearer(agent, "AGENT"));

        browser.get("http://localhost:" + port + "/inbox");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cs");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Moje úkoly k dořešení");
        assertThat(browser.findElement(By.id("tasks")).getText()).contains("Technik nepřišel <script>alert(1)</script>")
                .contains("Kritik");
        screenshot("1-inbox");
        browser.findElement(By.cssSelector("tr[data-task-id='" + taskId + "'] a")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("attempt-form")) != null);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Acme & Sons <Ltd>").contains("repair")
                .contains("tech-7").contains("NPS 2");
        assertThat(browser.findElement(By.id("reached-no")).isSelected()).isTrue();
        browser.findElement(By.id("attempt-note")).sendKeys("Nebere telefon");
        screenshot("2-task");
        browser.findElement(By.id("attempt-submit")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.id("attempts")).size() == 1);
        assertThat(browser.findElement(By.id("attempts")).getText()).contains("Zákazníka jsem nezastihl(a)")
                .contains(agent).contains("Nebere telefon");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Rozpracovaný");
        assertThat(browser.findElements(By.id("next-attempt"))).hasSize(1);
        screenshot("3-attempt-logged");

        new Select(browser.findElement(By.id("root-cause-select"))).selectByValue("SERVICE_QUALITY");
        browser.findElement(By.id("resolve-note")).sendKeys("Omluva a nový termín");
        browser.findElement(By.id("recovered")).click();
        browser.findElement(By.id("resolve-submit")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("status")).getText().equals("Vyřešený"));
        assertThat(browser.findElement(By.id("root-cause")).getText()).isEqualTo("SERVICE_QUALITY");
        screenshot("4-resolved");
        JsonNode resolved = api.getJson("/api/v1/tasks/" + taskId, admin);
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("recovered").asBoolean()).isTrue();
        assertThat(resolved.get("attempts").get(0).get("by").asString()).isEqualTo(agent);
    }

    private void open(String bearer) throws IOException {
        profile = Files.createTempDirectory("pulseloop-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1024,1400", "--user-data-dir=" + profile, "--lang=cs-CZ",
                "--accept-lang=cs-CZ,cs");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "cs-CZ,cs"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        // the identity provider's token, as a production front door would add it to every request
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", bearer)));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve("inbox-" + name + ".png");
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Screenshot {}", target.toAbsolutePath());
    }
}
