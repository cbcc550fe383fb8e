package io.firebreak.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.incident.Incident;
import io.firebreak.incident.Severity;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.ConnectedFirebreakTest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sign-in with OpenID Connect in Debian's Chromium (as {@link PagesBrowserTest}), against the connected context's
 * OpenID Connect provider on loopback: ivan opens an incident's link, lands on the sign-in page, signs in on the IdP's
 * login form with his e-mail, comes back to the incident as ivan and adds a note, finds himself signed in to Tasklist,
 * and signs out of both with the pages' sign-out; vera signs in the same way and finds
 * a postmortem by a word that only its reviewer's commit on the pull request added. Skipped without Chromium, unless
 * {@code FIREBREAK_BROWSER_TEST=required}.
 */
class SignInBrowserTest extends ConnectedFirebreakTest {


  @LocalServerPort
  int port;

  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void chromium() throws IOException {
    driver = Chromium.start("The sign-in's browser test", 1280, 900);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  @AfterEach
  void closeBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void ivanSignsInAtTheIdpAndNotesOnTheIncident() {
    Incident incident = declare("Search is slow for everyone", Severity.SEV3, "frida");

    driver.get("http://127.0.0.1:" + port + "/incidents/" + incident.key());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-with-idp")));
    assertThat(driver.getCurrentUrl()).endsWith("/sign-in");
    assertThat(driver.findElement(By.id("sign-in-with-idp")).getText()).isEqualTo("Sign in with Acme Login");
    driver.findElement(By.id("sign-in-with-idp")).click();

    signInOnTheIdpsForm("ivan");

    wait.until(ExpectedConditions.textToBe(By.id("incident-title"), incident.title()));
    assertThat(driver.getCurrentUrl()).contains("/incidents/" + incident.key());
    assertThat(driver.findElement(By.cssSelector(".who")).getText()).isEqualTo("ivan");
    driver.findElement(By.id("note-text")).sendKeys("Signed in with Acme Login; looking at the search cluster");
    Chromium.clickToNextPage(driver, wait, driver.findElement(By.cssSelector("#note-form button")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".timeline"),
        "Signed in with Acme Login; looking at the search cluster"));
    assertThat(incidents.timeline(incident.key())).filteredOn(e -> e.type() == TimelineEntryType.NOTE)
        .extracting(e -> e.actor() + ": " + e.message())
        .containsExactly("ivan: Signed in with Acme Login; looking at the search cluster");

    // Tasklist takes the same sign-in: no login form, its menu for a signed-in user, and ivan as its user
    driver.get("http://127.0.0.1:" + port + "/camunda/app/tasklist/connected/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//a[normalize-space(.)='Start process']")));
    assertThat(driver.findElements(By.cssSelector("input[placeholder=Password]"))).isEmpty();
    Object who = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/camunda/api/admin/auth/user/connected').then(r => r.json()).then(u => done(u.userId));");
    assertThat(who).isEqualTo("ivan");

    // the pages' sign-out ends both
    driver.get("http://127.0.0.1:" + port + "/incidents");
    Chromium.clickToNextPage(driver, wait, wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
    driver.get("http://127.0.0.1:" + port + "/camunda/app/tasklist/connected/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[placeholder=Password]")));
  }

  @Test
  void veraFindsThePostmortemByTheWordItsReviewerAdded() throws Exception {
    String word = "hotfixflag" + System.nanoTime() % 100000;
    String sentence = "Reviewer's note: the canary stage was skipped by the " + word + " of the release.";
    ReviewedPostmortem reviewed = postmortemPublishedThroughReview("Image thumbnails are missing", Severity.SEV2,
        sentence.replace(word, "*" + word + "*"));
    Incident incident = reviewed.incident();

    driver.get("http://127.0.0.1:" + port + "/postmortems");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-with-idp"))).click();
    signInOnTheIdpsForm("vera");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
    assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/postmortems");
    assertThat(driver.findElement(By.cssSelector(".who")).getText()).isEqualTo("vera");
    driver.findElement(By.id("search")).sendKeys(word);
    Chromium.clickToNextPage(driver, wait, driver.findElement(By.cssSelector("form[role=search] button")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("postmortems")));
    assertThat(driver.findElements(By.cssSelector("#postmortems li a"))).extracting(WebElement::getText)
        .containsExactly(incident.key() + " " + incident.title());

    Chromium.clickToNextPage(driver, wait, driver.findElement(By.linkText(incident.key() + " " + incident.title())));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("document")));
    assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/postmortems/" + incident.key());
    assertThat(driver.findElements(By.cssSelector("#document p"))).extracting(WebElement::getText).contains(sentence);
    assertThat(driver.findElement(By.cssSelector("#document p em")).getText()).isEqualTo(word);
    assertThat(driver.findElement(By.id("review")).getAttribute("href")).isEqualTo(reviewed.pullRequestUrl());
  }

  /** On the IdP's login form: {@code user}, with a verified e-mail of Firebreak's users, as the subject and claims. */
  private void signInOnTheIdpsForm(String user) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    assertThat(driver.getCurrentUrl()).startsWith(idp.issuerUrl(IDP_ISSUER).toString());
    driver.findElement(By.name("username")).sendKeys(user);
    driver.findElement(By.name("claims")).sendKeys("{\"email\": \"" + user + "@firebreak.example\", \"email_verified\": true}");
    driver.findElement(By.cssSelector("input[type=submit]")).click();
  }
}
