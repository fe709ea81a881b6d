package io.pulseloop.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium as a staff member: every request carries the staff member's bearer token (set through the
 * DevTools protocol, as a proxy in front of a browser would), so staff pages render exactly as in production.
 */
final class StaffBrowser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final ChromeDriver browser;

    private StaffBrowser(ChromeDriverService service, ChromeDriver browser) {
        this.service = service;
        this.browser = browser;
    }

    static boolean available() {
        return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    }

    static StaffBrowser open(String bearer) throws Exception {
        Path profile = Files.createTempDirectory("pulseloop-staff-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1600", "--user-data-dir=" + profile, "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", bearer)));
        return new StaffBrowser(service, browser);
    }

    /**
     * Opens the page and waits (up to 20 s) until its text shows {@code expectedText} (pages that load data by script
     * fill in later). Answers the visible text and what the hostile markup could have done: {@code window.__xss} (set
     * by the payload's script or event handler, if any ran) and how many {@code <img src=x>} elements exist.
     */
    Rendered visit(String url, String expectedText) {
        browser.get(url);
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver ->
                    driver.findElement(By.tagName("body")).getText().contains(expectedText));
        } catch (TimeoutException notShown) {
            // answered below: the text is not there; what was, for the report
            try {
                Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
                String name = "hostile-" + Integer.toHexString(url.hashCode());
                Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(screenshots.resolve(name + ".html"), browser.getPageSource());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JavascriptExecutor script = browser;
        Object xss = script.executeScript("return window.__xss === undefined ? null : String(window.__xss);");
        Object injected = script.executeScript("return document.querySelectorAll('img[src=\"x\"]').length;");
        return new Rendered(browser.findElement(By.tagName("body")).getText(), xss == null ? null : xss.toString(),
                ((Number) injected).intValue());
    }

    /** What a page showed: its visible text, the payload's mark if a script of it ran, its injected elements. */
    record Rendered(String text, String scriptRan, int injectedElements) {
    }

    @Override
    public void close() {
        browser.quit();
        service.stop();
    }
}
