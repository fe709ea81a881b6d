package io.pulseloop.testsupport.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The real browser against a tiny HTTP server that echoes what the browser sent. */
class HeadlessChromiumTests {

    @RegisterExtension
    final HeadlessChromium chromium = HeadlessChromium.window(600, 800).acceptLanguage("pl-PL,pl")
            .screenshotPrefix("headless-chromium-");

    private HttpServer server;

    @BeforeEach
    void echoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String language = exchange.getRequestHeaders().getFirst("Accept-Language");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = ("<!doctype html><html><body><p id=\"language\">" + language + "</p><p id=\"authorization\">"
                    + authorization + "</p><script>setTimeout(() => document.body.dataset.ready = 'yes', 200)"
                    + "</script></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheLanguagesAndHeadersWaitsAndTakesScreenshots() throws IOException {
        ChromeDriver browser = chromium.open(Map.of("Authorization", "Bearer t-1"));

        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        String ready = chromium.waitUntil(Duration.ofSeconds(10), driver -> driver.findElement(By.tagName("body"))
                .getAttribute("data-ready"));
        Path shot = chromium.screenshot("echo");

        assertThat(ready).isEqualTo("yes");
        assertThat(browser.findElement(By.id("language")).getText()).startsWith("pl-PL,pl");
        assertThat(browser.findElement(By.id("authorization")).getText()).isEqualTo("Bearer t-1");
        assertThat(shot).hasFileName("headless-chromium-echo.png").isNotEmptyFile();
        assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void closingQuitsTheBrowserSoItCanBeOpenedAgain() {
        HeadlessChromium other = HeadlessChromium.window(400, 400);
        try (other) {
            other.open();
            assertThat(other.browser().getWindowHandles()).hasSize(1);
        }

        assertThatIllegalStateException().isThrownBy(other::browser);
        try (other) {
            assertThat(other.open().getWindowHandles()).hasSize(1);
        }
    }

    @Test
    void screenshotsThePageOfAFailedTest() throws IOException {
        Path shot = HeadlessChromium.SCREENSHOTS.resolve("headless-chromium-FAILED-failsWithThePageOpen.png");
        Path html = HeadlessChromium.SCREENSHOTS.resolve("headless-chromium-FAILED-failsWithThePageOpen.html");
        Files.deleteIfExists(shot);
        Files.deleteIfExists(html);
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        // the failing test runs in a launcher of its own, its @Disabled lifted there only
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FailingWithThePageOpen.class))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .build(), listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).hasMessageContaining("the page says broken");
        assertThat(shot).isNotEmptyFile();
        assertThat(html).content().contains("broken");
    }

    /** Fails on purpose with the browser open; run only by {@link #screenshotsThePageOfAFailedTest()}. */
    @Disabled("run by screenshotsThePageOfAFailedTest")
    static class FailingWithThePageOpen {

        @RegisterExtension
        final HeadlessChromium chromium = HeadlessChromium.window(400, 300).screenshotPrefix("headless-chromium-");

        @Test
        void failsWithThePageOpen() {
            chromium.open().get("data:text/html,<h1>broken</h1>");

            throw new AssertionError("the page says broken");
        }
    }
}
