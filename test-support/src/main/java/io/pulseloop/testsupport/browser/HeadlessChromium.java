package io.pulseloop.testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real browser: the system's headless Chromium ({@code /usr/bin/chromium}) through the system's chromedriver
 * ({@code /usr/bin/chromedriver}), never downloaded. A fresh profile per browser, deleted with it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final HeadlessChromium chromium = HeadlessChromium.window(1024, 1400).acceptLanguage("cs-CZ,cs")
 *         .screenshotPrefix("inbox-");
 *
 * @Test
 * void agentResolvesTheTask() {
 *     ChromeDriver browser = chromium.open(Map.of("Authorization", bearer));   // headers on every request
 *     browser.get("http://localhost:" + port + "/inbox");
 *     chromium.screenshot("1-inbox");                                        // target/screenshots/inbox-1-inbox.png
 *     chromium.waitUntil(Duration.ofSeconds(10), d -> d.findElement(By.id("status")).getText().equals("Vyřešený"));
 * }
 * }</pre>
 *
 * <p>Registered as a JUnit extension (a non-static field) it skips each test, saying why, where Chromium or
 * chromedriver is missing (JUnit and Surefire report the test as skipped, never as passed), closes the browser after
 * each test, and screenshots the page of a failed test ({@code <prefix>FAILED-<test>.png} and its HTML). Without the
 * extension (a test that needs the browser for only part of its work): call {@link #assumeInstalled()} where the test
 * starts, and close the browser with try-with-resources.
 */
public final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** Debian's {@code chromium} package. */
    public static final File CHROMIUM = new File("/usr/bin/chromium");

    /** Debian's {@code chromium-driver} package. */
    public static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    /** Where screenshots go, relative to the module (Surefire's working directory). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);

    private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

    private final int width;

    private final int height;

    private final String acceptLanguage;

    private final String screenshotPrefix;

    private ChromeDriverService service;

    private ChromeDriver browser;

    private Path profile;

    private HeadlessChromium(int width, int height, String acceptLanguage, String screenshotPrefix) {
        this.width = width;
        this.height = height;
        this.acceptLanguage = acceptLanguage;
        this.screenshotPrefix = screenshotPrefix;
    }

    /**
     * A browser with this window size (a phone: {@code 412 x 1500}; a desk: {@code 1400 x 1900}), the browser's
     * default language and no screenshot prefix; nothing is started until {@link #open()}.
     *
     * @param width  window width in CSS pixels
     * @param height window height in CSS pixels
     * @return the unstarted browser
     */
    public static HeadlessChromium window(int width, int height) {
        return new HeadlessChromium(width, height, null, "");
    }

    /**
     * The same browser asking for these languages: the {@code Accept-Language} header and the UI language.
     *
     * @param languages an {@code Accept-Language} list, e.g. {@code "cs-CZ,cs"}; the first is the UI language
     * @return a copy with the languages
     */
    public HeadlessChromium acceptLanguage(String languages) {
        return new HeadlessChromium(width, height, languages, screenshotPrefix);
    }

    /**
     * The same browser naming its screenshots {@code <prefix><name>.png}.
     *
     * @param prefix e.g. {@code "inbox-"}
     * @return a copy with the prefix
     */
    public HeadlessChromium screenshotPrefix(String prefix) {
        return new HeadlessChromium(width, height, acceptLanguage, prefix);
    }

    /** Skips the calling test, saying what to install, where Chromium or chromedriver is missing. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(CHROMIUM.canExecute(), () -> "Chromium is not installed at " + CHROMIUM
                + " (apt-get install -y chromium chromium-driver); skipping the real-browser test");
        Assumptions.assumeTrue(CHROMEDRIVER.canExecute(), () -> "chromedriver is not installed at " + CHROMEDRIVER
                + " (apt-get install -y chromium-driver); skipping the real-browser test");
    }

    /**
     * Starts the browser (skipping the test where it is not installed).
     *
     * @return the browser, open on a blank page
     */
    public ChromeDriver open() {
        return open(Map.of());
    }

    /**
     * Starts the browser, which then sends these headers with every request it makes, as a front door that
     * authenticates staff would add them (e.g. {@code Authorization: Bearer ...}).
     *
     * @param headers extra request headers
     * @return the browser, open on a blank page
     */
    public ChromeDriver open(Map<String, String> headers) {
        return start(acceptLanguage, headers);
    }

    /**
     * Starts the browser asking for these languages instead of the configured ones: for tests that open the same
     * page in several languages.
     *
     * @param languages an {@code Accept-Language} list, e.g. {@code "pl-PL,pl"}; the first is the UI language
     * @return the browser, open on a blank page
     */
    public ChromeDriver openIn(String languages) {
        return start(languages, Map.of());
    }

    private ChromeDriver start(String languages, Map<String, String> headers) {
        assumeInstalled();
        if (browser != null) {
            throw new IllegalStateException("The browser is already open");
        }
        try {
            profile = Files.createTempDirectory("pulseloop-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        if (languages != null) {
            options.addArguments("--lang=" + languages.split(",")[0], "--accept-lang=" + languages);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        }
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
        if (!headers.isEmpty()) {
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.copyOf(headers)));
        }
        return browser;
    }

    /**
     * The open browser.
     *
     * @return the browser {@link #open()} started
     */
    public ChromeDriver browser() {
        if (browser == null) {
            throw new IllegalStateException("The browser is not open: call open() first");
        }
        return browser;
    }

    /**
     * Waits until the condition answers a value other than null or false, ignoring elements that went stale while
     * the page was replaced.
     *
     * @param timeout   at most this long; then the wait fails with a {@code TimeoutException}
     * @param condition what to wait for
     * @param <T>       what the condition answers
     * @return the condition's last answer
     */
    public <T> T waitUntil(Duration timeout, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser(), timeout).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * Saves what the browser shows to {@code target/screenshots/<prefix><name>.png}.
     *
     * @param name the file's name without prefix and extension
     * @return the file written
     */
    public Path screenshot(String name) {
        Path target = SCREENSHOTS.resolve(screenshotPrefix + name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = browser().getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Screenshot {}", target.toAbsolutePath());
        return target;
    }

    /**
     * Saves the page's HTML next to the screenshots, {@code target/screenshots/<prefix><name>.html}.
     *
     * @param name the file's name without prefix and extension
     * @return the file written
     */
    public Path pageSource(String name) {
        Path target = SCREENSHOTS.resolve(screenshotPrefix + name + ".html");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(target, browser().getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Quits the browser and its driver and deletes the profile; a browser never opened has nothing to close. */
    @Override
    public void close() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            browser = null;
            if (service != null) {
                service.stop();
                service = null;
            }
            deleteProfile();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeInstalled();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (browser != null && context.getExecutionException().isPresent()) {
                String name = "FAILED-" + context.getRequiredTestMethod().getName();
                try {
                    screenshot(name);
                    pageSource(name);
                } catch (RuntimeException e) {
                    // the browser may be what failed: the test's own exception is the one to report
                    log.warn("No screenshot of the failed test {}: {}", name, e.toString());
                }
            }
        } finally {
            close();
        }
    }

    private void deleteProfile() {
        if (profile == null) {
            return;
        }
        try (var files = Files.walk(profile)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Could not delete the browser profile {}: {}", profile, e.toString());
        } finally {
            profile = null;
        }
    }
}
