package io.pulseloop.closedloop.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.browser.HeadlessChromium;

/**
 * A real browser: headless Chromium (the system's {@code chromium} and {@code chromedriver}, never downloaded), an
 * agent whose bearer JWT the browser sends on every request, works a task in the Czech inbox: opens it from the
 * list, logs an unreached attempt, then resolves it with a root cause, by plain form posts. Screenshots go to
 * {@code target/screenshots}. Skipped, saying why, where the browser or its driver is missing.
 */
@ClosedLoopIntegrationTest
class InboxBrowserIntegrationTests {

    private static final Duration PAGE = Duration.ofSeconds(10);

    @RegisterExtension
    final HeadlessChromium chromium = HeadlessChromium.window(1024, 1400).acceptLanguage("cs-CZ,cs")
            .screenshotPrefix("inbox-");

    @LocalServerPort
    int port;

    @Test
    void agentLogsAnUnreachedAttemptAndResolvesTheTaskInCzech() {
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
        // the identity provider's token, as a production front door would add it to every request
        ChromeDriver browser = chromium.open(Map.of("Authorization", TestTokens.bearer(agent, "AGENT")));

        browser.get("http://localhost:" + port + "/inbox");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cs");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Moje úkoly k dořešení");
        assertThat(browser.findElement(By.id("tasks")).getText()).contains("Technik nepřišel <script>alert(1)</script>")
                .contains("Kritik");
        chromium.screenshot("1-inbox");
        browser.findElement(By.cssSelector("tr[data-task-id='" + taskId + "'] a")).click();

        chromium.waitUntil(PAGE, d -> d.findElement(By.id("attempt-form")) != null);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Acme & Sons <Ltd>").contains("repair")
                .contains("tech-7").contains("NPS 2");
        assertThat(browser.findElement(By.id("reached-no")).isSelected()).isTrue();
        browser.findElement(By.id("attempt-note")).sendKeys("Nebere telefon");
        chromium.screenshot("2-task");
        browser.findElement(By.id("attempt-submit")).click();

        chromium.waitUntil(PAGE, d -> d.findElements(By.id("attempts")).size() == 1);
        assertThat(browser.findElement(By.id("attempts")).getText()).contains("Zákazníka jsem nezastihl(a)")
                .contains(agent).contains("Nebere telefon");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Rozpracovaný");
        assertThat(browser.findElements(By.id("next-attempt"))).hasSize(1);
        chromium.screenshot("3-attempt-logged");

        new Select(browser.findElement(By.id("root-cause-select"))).selectByValue("SERVICE_QUALITY");
        browser.findElement(By.id("resolve-note")).sendKeys("Omluva a nový termín");
        browser.findElement(By.id("recovered")).click();
        browser.findElement(By.id("resolve-submit")).click();

        chromium.waitUntil(PAGE, d -> d.findElement(By.id("status")).getText().equals("Vyřešený"));
        assertThat(browser.findElement(By.id("root-cause")).getText()).isEqualTo("SERVICE_QUALITY");
        chromium.screenshot("4-resolved");
        JsonNode resolved = api.getJson("/api/v1/tasks/" + taskId, admin);
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("recovered").asBoolean()).isTrue();
        assertThat(resolved.get("attempts").get(0).get("by").asString()).isEqualTo(agent);
    }
}
