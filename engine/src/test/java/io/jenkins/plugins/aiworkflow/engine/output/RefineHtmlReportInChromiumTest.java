package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The refine run's HTML report as a reviewer sees it: Debian's {@code chromium}, headless, driven through
 * {@code chromedriver} (package {@code chromium-driver}), loads the written file and the test reads what is
 * shown. Skipped when Chromium is not installed, unless the system property {@value #REQUIRE} or the environment
 * variable {@value #REQUIRE_VARIABLE} is true, as {@code .ci/run} sets the latter (it installs Chromium when
 * missing, and runs the README's test command as it is): CI can never skip it silently. One browser serves
 * all tests of the class; no assertion depends on timing.
 */
class RefineHtmlReportInChromiumTest {
    static final String REQUIRE = "aiwf.test.requireChromium";
    static final String REQUIRE_VARIABLE = "AIWF_TEST_REQUIRE_CHROMIUM";
    /** Debian's paths; other systems set the system properties {@code aiwf.test.chromium} and {@code aiwf.test.chromedriver}. */
    static final Path CHROMIUM = Path.of(System.getProperty("aiwf.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("aiwf.test.chromedriver", "/usr/bin/chromedriver"));
    /** Selenium warns that it has no DevTools support for this Chromium version; this test needs none. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private static WebDriver browser;

    @BeforeAll
    static void startChromium(@TempDir Path profile) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        boolean required = Boolean.getBoolean(REQUIRE) || Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE));
        if (!installed && required) {
            fail("Chromium is required (" + REQUIRE + " or " + REQUIRE_VARIABLE + ") but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; install them with "
                    + "'apt-get install -y chromium chromium-driver' (.ci/run does)");
        }
        Assumptions.assumeTrue(installed, CHROMIUM + " and " + CHROMEDRIVER + " are not installed (Debian packages "
                + "chromium, chromium-driver); -D" + REQUIRE + "=true or " + REQUIRE_VARIABLE + "=true makes this a failure");
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // CI runs as root, where Chromium's sandbox cannot start; /dev/shm may be small in containers
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--window-size=1280,2000",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofMinutes(2)).build(); // a loaded 2-core machine starts slowly
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2)).scriptTimeout(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldShowTableChartsReasonsAndDiffsWithoutLoadingOrRunningAnything(@TempDir Path directory) throws Exception {
        // given: the reports of a run that passed at iteration 2, with markup in a test name, a summary and a diff
        RefineResult result = RefineResults.passedAtTwo();
        RefineReports.write(result, "<script>alert('intent')</script>", text -> text, directory);
        File report = directory.resolve(RefineReports.HTML).toFile();

        // when
        browser.get(report.toURI().toString());

        // then: the header and the table, as shown
        assertThat(browser.getTitle()).isEqualTo("Refine PASSED: GATE_PASSED");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Refine PASSED: GATE_PASSED");
        assertThat(browser.findElement(By.cssSelector("pre.intent")).getText())
                .isEqualTo("<script>alert('intent')</script>");
        List<WebElement> rows = browser.findElements(By.cssSelector("#iterations tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(cells(rows.get(0))).containsExactly("0", "–", "FAILED", "1", "–", "–", "10", "0", "–", "–", "–", "–",
                "3.1 s");
        assertThat(cells(rows.get(1))).containsExactly("1", "CHANGED", "FAILED", "1", "1", "1", "9", "0", "1", "+2 −1",
                "12800", "$0.0125", "42.0 s");
        assertThat(cells(rows.get(2))).containsExactly("2 (kept)", "CHANGED", "PASSED", "0", "0", "1", "10", "0", "1",
                "+1 −2", "16200", "$0.0375", "1 min 15 s");

        // the charts were drawn: visible, of a size, a bar per iteration, bars as high as their values
        for (String chart : List.of("failing-chart", "cost-chart")) {
            WebElement svg = browser.findElement(By.id(chart));
            assertThat(svg.isDisplayed()).as(chart).isTrue();
            assertThat(svg.getSize().getWidth()).as(chart).isGreaterThan(100);
            assertThat(svg.getSize().getHeight()).as(chart).isGreaterThan(100);
            assertThat(svg.findElements(By.cssSelector("rect.bar"))).as(chart).hasSize(result.iterations().size());
        }
        List<Dimension> failing = browser.findElements(By.cssSelector("#failing-chart rect.bar")).stream()
                .map(WebElement::getSize).toList();
        assertThat(failing.get(0).getHeight()).isPositive().isEqualTo(failing.get(1).getHeight());
        assertThat(failing.get(2).getHeight()).isZero();
        List<Dimension> cost = browser.findElements(By.cssSelector("#cost-chart rect.bar")).stream()
                .map(WebElement::getSize).toList();
        assertThat(cost.get(0).getHeight()).isZero();
        assertThat(cost.get(2).getHeight()).isGreaterThan(cost.get(1).getHeight()).isPositive();

        // per iteration: the reasons shown, the diff one click away, hostile texts as text
        WebElement first = browser.findElement(By.id("iteration-1"));
        assertThat(first.findElements(By.cssSelector("details.reasons li")).stream().map(WebElement::getText))
                .containsExactly("maxFailures: 1 test(s) failed, maxFailures is 0: " + RefineResults.HOSTILE_TEST,
                        "tamper guard, allowTestDecrease: 9 test(s) found, the baseline had 10 (1 fewer)");
        assertThat(first.findElement(By.cssSelector("details.summary pre")).getText())
                .isEqualTo("Used Math.round; <b>bold</b> claim | pipe");
        for (String id : List.of("iteration-1", "iteration-2")) {
            WebElement diff = browser.findElement(By.cssSelector("#" + id + " pre.diff"));
            assertThat(diff.isDisplayed()).as(id).isFalse();
            browser.findElement(By.cssSelector("#" + id + " details.diff summary")).click();
            assertThat(diff.isDisplayed()).as(id).isTrue();
            assertThat(diff.getText()).as(id).contains("</pre><script>alert('diff')</script>");
        }
        browser.findElement(By.cssSelector("#iteration-1 details.failing summary")).click();
        assertThat(first.findElement(By.cssSelector("details.failing li")).getText())
                .isEqualTo(RefineResults.HOSTILE_TEST + " new");

        // nothing ran, nothing was loaded, nothing was refused; the page's own style (allowed by its hash) applies
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat(page.executeScript("return document.scripts.length")).isEqualTo(0L);
        assertThat((List<?>) page.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"))
                .isEmpty();
        assertThat(browserLog()).isEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getCssValue("font-size")).isEqualTo("22px");
    }

    @Test
    void shouldCatchARequestToAnExternalResourceWhereTheReportHadOne(@TempDir Path directory) throws Exception {
        // given: the report with an image from elsewhere put in, as an escaping bug would: the checks above must see it
        String html = RefineHtmlReport.render(RefineResults.passedAtTwo(), RefineResults.INTENT)
                .replace("<h1", "<img src=\"http://127.0.0.1:9/tracker.png\"/><h1");
        Path report = directory.resolve("tampered.html");
        Files.writeString(report, html);

        // when
        browser.get(report.toUri().toString());

        // then: the policy refused it, and said so in the log
        assertThat(browserLog()).anySatisfy(entry -> assertThat(entry).contains("tracker.png")
                .contains("Content Security Policy"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    }

    /** The browser's console since the last call: errors, CSP violations among them. */
    private static List<String> browserLog() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }
}
