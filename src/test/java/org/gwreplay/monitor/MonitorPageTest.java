package org.gwreplay.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The monitor page in a real headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs) during a real paced replay: it shows every detector, updates without a
 * reload, draws its plots, and logs no console error. A screenshot goes to target/monitor-page.png.
 */
class MonitorPageTest {

  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

  @TempDir Path tmp;

  @Test
  void pageRendersTheDetectorsAndUpdatesWithoutErrors() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): skipped");
    try (LiveReplay run = new LiveReplay(tmp, "H1,L1,V1", 32)) {
      run.awaitFiles("V1", 4);
      ChromeDriver browser = start(tmp.resolve("chromium"));
      try {
        browser.get(run.base().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(b -> b.findElements(By.cssSelector("#detectors tbody tr")).size() == 3);
        List<String> names = browser.findElements(By.cssSelector("#detectors tbody tr")).stream()
            .map(r -> r.getAttribute("data-detector")).toList();
        assertThat(names, equalTo(List.of("H1", "L1", "V1")));

        // It updates by itself: the update count and a detector's file count grow.
        int updates = count(browser.findElement(By.id("updates")));
        long files = filesShown(browser, "H1");
        wait.until(b -> count(b.findElement(By.id("updates"))) >= updates + 2 && filesShown(browser, "H1") > files);
        assertThat(browser.findElement(By.id("state")).getText(), equalTo("running"));
        assertThat(browser.findElement(By.id("health")).getText(), equalTo("healthy"));
        // The demo's state vector, observing (NO_CBC_HW_INJ may be cleared: the chirp is a hardware injection).
        assertThat(browser.findElement(By.cssSelector("#detectors tr[data-detector=V1] td.bits")).getText(),
            org.hamcrest.Matchers.startsWith("V1:DQ_ANALYSIS_STATE_VECTOR = "));
        assertThat(browser.findElement(By.cssSelector("#detectors tr[data-detector=V1] td.bits")).getText(),
            org.hamcrest.Matchers.containsString("(HOFT_OK, SCIENCE_INTENT, SCIENCE_QUALITY, HOFT_PROD, FILTERS_OK, NO_STOCH_HW_INJ"));
        assertThat(browser.findElement(By.cssSelector("#detectors tr[data-detector=L1] td.state")).getText(), equalTo("on time"));

        // Every plot loaded (an image that failed has no natural width) and was drawn from data.
        wait.until(b -> b.findElements(By.cssSelector("#plots img")).size() == 6);
        wait.until(b -> Boolean.TRUE.equals(browser.executeScript(
            "return [...document.images].every(i => i.complete && i.naturalWidth > 0)")));
        String src = browser.findElement(By.cssSelector("#plots-H1 img.asd")).getAttribute("src");
        assertThat(src, containsString("file=H-H1_"));
        Thread.sleep(2500); // one more poll, so the screenshot shows lateness points
        Files.createDirectories(Paths.get("target"));
        Files.write(Paths.get("target/monitor-page.png"), browser.getScreenshotAs(OutputType.BYTES));

        // A probe error proves the console is really read; besides it there must be none.
        browser.executeScript("console.error('gwreplay-probe')");
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors.toString(), errors.stream().filter(e -> e.getMessage().contains("gwreplay-probe")).count(), equalTo(1L));
        assertThat(errors.toString(), errors.stream().filter(e -> !e.getMessage().contains("gwreplay-probe")).toList(), empty());
      } finally {
        browser.quit();
      }
      assertThat(run.awaitExit(), equalTo(0));
    }
  }

  /** {@code profile}: the browser's own directory, removed with the test's. */
  private static ChromeDriver start(Path profile) throws Exception {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    // As root in a container: no sandbox; nothing reaches out to the network by itself.
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1200,1400",
        "--user-data-dir=" + Files.createDirectories(profile));
    o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
        .usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }

  private static int count(WebElement e) {
    return Integer.parseInt(e.getAttribute("data-count"));
  }

  private static long filesShown(ChromeDriver b, String detector) {
    String t = b.findElement(By.cssSelector("#detectors tr[data-detector=" + detector + "] td.files")).getText();
    return t.equals("-") ? -1 : Long.parseLong(t);
  }
}
