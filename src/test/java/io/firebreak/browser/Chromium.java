package io.firebreak.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium and ChromeDriver for the browser tests ({@code CHROMIUM}, {@code CHROMEDRIVER} to point
 * elsewhere): headless on a closed network, no background connections, no component updates, a fresh profile.
 * Without them a browser test is skipped, unless CI asks for it ({@code FIREBREAK_BROWSER_TEST=required}).
 */
final class Chromium {

  private static final Logger log = LoggerFactory.getLogger(Chromium.class);
  static final String BINARY = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

  private Chromium() {
  }

  /** A fresh headless Chromium for {@code test} ("The pages' browser test"), its window {@code width}×{@code height}. */
  static ChromeDriver start(String test, int width, int height) throws IOException {
    skipUnless(new File(BINARY).canExecute() && new File(DRIVER).canExecute(),
        test + " needs Chromium and ChromeDriver (" + BINARY + ", " + DRIVER + "). Install them with: "
            + "sudo apt-get install chromium chromium-driver (or set CHROMIUM and CHROMEDRIVER).");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height, "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--lang=en-US",
        "--user-data-dir=" + Files.createTempDirectory("firebreak-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** Skips the test, unless CI asks for it ({@code FIREBREAK_BROWSER_TEST=required}): then it fails instead. */
  static void skipUnless(boolean condition, String message) {
    if (!condition && "required".equals(System.getenv("FIREBREAK_BROWSER_TEST"))) {
      throw new AssertionError("FIREBREAK_BROWSER_TEST=required: " + message);
    }
    if (!condition) {
      log.warn("SKIPPED: {}", message);
      Assumptions.abort(message);
    }
  }

  /**
   * Clicks {@code element} (a form's button, a link) and waits until the page it was on has gone, so that what the
   * test looks for next is found on the page the click loads, not read from the old one while it is replaced (which
   * ChromeDriver reports as "Node with given id does not belong to the document").
   */
  static void clickToNextPage(WebDriver driver, WebDriverWait wait, WebElement element) {
    WebElement page = driver.findElement(By.tagName("html"));
    element.click();
    wait.until(gone -> {
      try {
        page.isEnabled();
        return false;
      } catch (StaleElementReferenceException stale) {
        return true;
      } catch (WebDriverException e) {
        // ChromeDriver 156 answers so, not as stale, for an element of the page the browser is replacing right now.
        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
          return true;
        }
        throw e;
      }
    });
  }
}
