package io.firebreak.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.IncidentScenarios;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Stage;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.postmortem.ActionItems;
import io.firebreak.postmortem.PostmortemArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Firebreak's own pages in Debian's Chromium (as {@link TasklistBrowserTest}, on any database): a responder opens the
 * incident of a running scenario from the list, adds a note with the form and sees it on the timeline; a viewer finds
 * a published postmortem by a word in it and opens the insights' charts. With {@code -Dfirebreak.screenshots=DIR}
 * it saves a picture of each page there (README, Pages: {@code -Dfirebreak.screenshots=src/docs/images}). Skipped
 * without Chromium, unless {@code FIREBREAK_BROWSER_TEST=required}.
 */
class PagesBrowserTest extends IncidentScenarios {

  private static final String SCREENSHOTS = System.getProperty("firebreak.screenshots");

  @LocalServerPort
  int port;

  @Autowired
  PostmortemArchive archive;

  @Autowired
  ActionItems actionItems;

  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void chromium() throws IOException {
    driver = Chromium.start("The pages' browser test", 1280, 900);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  @AfterEach
  void closeBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void aResponderNotesOnTheIncidentPageAndAViewerFindsThePostmortemAndTheCharts() throws IOException {
    Incident incident = declare("Checkout returns 502 for some customers", Severity.SEV2, "frida");
    takeIncidentManagerRole(incident.processInstanceId(), "ivan");
    String word = "connectionpool" + System.nanoTime() % 100000;
    Incident earlier = declare("Media uploads fail in US", Severity.SEV1, "frida");
    archive.begin(earlier.key(), earlier.title(), "SEV1");
    archive.publish(earlier.key(), "# " + earlier.key() + ": " + earlier.title() + "\n\n## Summary\n\nUploads failed "
        + "for 40 minutes: the storage " + word + " ran dry.\n\n## Impact\n\nCustomers in prod/us1 could not upload "
        + "media.\n\n## Root Causes\n\n- a release halved the pool\n- no alert on pool saturation\n",
        "https://github.com/acme/postmortems/pull/12", OffsetDateTime.now());
    actionItems.agree(earlier.key(), List.of(
        new ActionItems.AgreedActionItem("Alert on pool saturation", null, "dora", true, true, LocalDate.now().plusDays(42)),
        new ActionItems.AgreedActionItem("Load test the upload path", null, "dan", false, false, null)));

    signInAs("frida");
    driver.get(url("/incidents"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("open-incidents")));
    screenshot("page-incidents");
    Chromium.clickToNextPage(driver, wait, driver.findElement(By.linkText(incident.key())));
    wait.until(ExpectedConditions.textToBe(By.id("incident-title"), incident.title()));
    assertThat(driver.findElement(By.id("tasks")).getText()).contains("Appoint roles");
    driver.findElement(By.id("note-text")).sendKeys("Rolled back release 1.4.2; errors are going down");
    Chromium.clickToNextPage(driver, wait, driver.findElement(By.cssSelector("#note-form button")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".timeline"),
        "Rolled back release 1.4.2; errors are going down"));
    assertThat(driver.getCurrentUrl()).endsWith("/incidents/" + incident.key() + "#timeline");
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.NOTE)
        .extracting(e -> e.actor() + ": " + e.message())
        .containsExactly("frida: Rolled back release 1.4.2; errors are going down");
    screenshot("page-incident");

    signInAs("vera");
    driver.get(url("/postmortems"));
    driver.findElement(By.id("search")).sendKeys(word);
    Chromium.clickToNextPage(driver, wait, driver.findElement(By.cssSelector("form[role=search] button")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("postmortems")));
    assertThat(driver.findElements(By.cssSelector("#postmortems li"))).hasSize(1);
    screenshot("page-postmortems");
    Chromium.clickToNextPage(driver, wait, driver.findElement(By.partialLinkText(earlier.title())));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("document")));
    assertThat(driver.findElement(By.cssSelector("#document h2")).getText()).isEqualTo("Summary");
    assertThat(driver.findElement(By.id("action-items")).getText()).contains("Alert on pool saturation", "open");
    screenshot("page-postmortem");

    earlierMonths();
    driver.get(url("/insights"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#time-to-acknowledge svg")));
    assertThat(driver.findElements(By.cssSelector("svg.chart"))).hasSize(4);
    assertThat(driver.findElements(By.cssSelector("#time-to-acknowledge svg rect"))).isNotEmpty();
    screenshot("page-insights");
  }

  /** Closed incidents of the last months, so the charts have something to show (and the README's picture too). */
  private void earlierMonths() {
    String[] sources = {"alertmanager", "pingdom", "opsgenie", "manual"};
    OffsetDateTime firstOfMonth = OffsetDateTime.now().withDayOfMonth(1).withHour(1);
    for (int i = 0; i < 12; i++) {
      String key = incidentKeys.next();
      Severity severity = Severity.values()[i % 4];
      OffsetDateTime opened = firstOfMonth.minusMonths(i % 6);
      incidents.insert(new IncidentRepository.NewIncident(key, "Earlier incident " + i, null, severity,
          severity.defaultImpact(), false, null, "production", sources[i % sources.length], null, "history-" + key,
          opened));
      incidents.acknowledge(key, opened.plusMinutes(4 + 3L * i));
      incidents.resolve(key, "Fixed", opened.plusMinutes(50 + 25L * i));
      incidents.updateStage(key, Stage.CLOSED);
    }
  }

  /** The API's HTTP basic credentials on every request of the browser, as a browser sends them once asked. */
  private void signInAs(String user) {
    String token = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + token)));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void screenshot(String name) throws IOException {
    if (SCREENSHOTS == null || SCREENSHOTS.isBlank()) {
      return;
    }
    Path directory = Path.of(SCREENSHOTS);
    Files.createDirectories(directory);
    Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }
}
