package io.firebreak.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist as a person uses it: log in, start a process, pick a filter, open, claim and complete a task,
 * and fill Camunda Forms (form-js) by the labels they show.
 */
final class Tasklist {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final WebDriver driver;
  private final String url;
  private final WebDriverWait wait;

  Tasklist(WebDriver driver, int port) {
    this.driver = driver;
    this.url = "http://localhost:" + port + "/camunda/app/tasklist/default/";
    this.wait = new WebDriverWait(driver, PATIENCE);
  }

  /** Logs out whoever was logged in and logs in with the demo password (the user id). */
  void logInAs(String user) {
    driver.manage().deleteAllCookies();
    driver.get(url);
    // The login page focuses its user name field once it has rendered; on a busy machine that can happen while the
    // password is being typed, and the keys land in the user name ("fridafrida" was seen). Type, check, retype.
    for (int attempt = 1; ; attempt++) {
      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[placeholder=Username]")));
      WebElement password = driver.findElement(By.cssSelector("input[placeholder=Password]"));
      name.clear();
      name.sendKeys(user);
      password.clear();
      password.sendKeys(user);
      if (user.equals(name.getDomProperty("value")) && user.equals(password.getDomProperty("value"))) {
        break;
      }
      if (attempt == 3) {
        throw new IllegalStateException("could not type " + user + "'s credentials into Tasklist's login form");
      }
    }
    driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//a[normalize-space(.)='Start process']")));
  }

  /** Opens "Start process", picks the process by its name and waits for its start form. */
  void openStartForm(String processName) {
    driver.findElement(By.xpath("//a[normalize-space(.)='Start process']")).click();
    click(
        By.xpath("//div[contains(@class,'modal-dialog')]//a[normalize-space(.)='" + processName + "']"));
    waitForForm();
  }

  /** Submits the start form and waits until the dialog has closed. */
  void start() {
    By startButton = By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Start']");
    click(startButton);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
  }

  /**
   * Selects a filter in the left column and searches it for one incident, as an Incident Manager on a busy day does:
   * the search pill "Process Instance Business Key = INC-n" (Tasklist keeps its search in the address). The list
   * then holds this incident's tasks (and its postmortem's, which share the key) whatever else is open.
   */
  void filter(String name, String incidentKey) {
    click(By.xpath("//div[contains(@class,'task-filter')]/h4/a[normalize-space(text()[1])='" + name + "']"));
    wait.until(ExpectedConditions.urlMatches("[?&]filter="));
    String pill = "[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\"" + incidentKey
        + "\",\"name\":\"\"}]";
    String search = "searchQuery=" + URLEncoder.encode(pill, StandardCharsets.UTF_8).replace("+", "%20");
    String current = driver.getCurrentUrl();
    driver.get(current.contains("searchQuery=")
        ? current.replaceFirst("searchQuery=[^&]*", Matcher.quoteReplacement(search))
        : current + "&" + search);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".search-container"), incidentKey));
  }

  /** Whether the task list of the selected filter shows this task (it refreshes itself, so this waits a little). */
  boolean lists(String taskId) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(10))
          .until(ExpectedConditions.presenceOfElementLocated(taskLink(taskId)));
      return true;
    } catch (org.openqa.selenium.TimeoutException notListed) {
      return false;
    }
  }

  /** The task's name as the list shows it. */
  String listedName(String taskId) {
    return driver.findElement(taskLink(taskId)).getText().trim();
  }

  /** Opens a task from the task list and waits until its form shows the task's values. */
  void open(String taskId) {
    click(taskLink(taskId));
    waitForForm();
  }

  void claim() {
    click(By.cssSelector("button.claim"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
  }

  /** Completes the open task and waits until the list no longer shows it. */
  void complete(String taskId) {
    By completeButton = By.xpath("//button[contains(@class,'btn-primary') and normalize-space(.)='Complete']");
    dismissNotifications();
    inView(wait.until(ExpectedConditions.elementToBeClickable(completeButton))).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(taskLink(taskId)));
  }

  /** The text a person reads in the open form or start form. */
  String formText() {
    return driver.findElement(By.cssSelector(".fjs-form")).getText();
  }

  void type(String label, String text) {
    WebElement field = field(label);
    field.clear();
    field.sendKeys(text);
  }

  /** The value of a text field, e.g. one the process filled in. */
  String value(String label) {
    return field(label).getAttribute("value");
  }

  void tick(String label) {
    WebElement box = field(label);
    if (!box.isSelected()) {
      box.click();
    }
  }

  /** Picks an option of a select field by the start of its label ("SEV2", "Carla"). */
  void choose(String label, String option) {
    dismissNotifications();
    String id = field(label).getAttribute("id");
    List<WebElement> display = driver.findElements(By.id(id + "-display"));
    if (display.isEmpty()) {
      field(label).click(); // a searchable select is an input
    } else {
      inView(display.get(0)).click();
    }
    pick(option);
  }

  /** Adds a person or value to a tag list field. */
  void tag(String label, String option) {
    dismissNotifications();
    WebElement input = field(label);
    input.click();
    input.sendKeys(option);
    pick(option);
    // The list stays open for the next tag; Escape closes it, as a person would.
    input.sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-dropdownlist")));
  }

  /** The options a tag list has taken, as its tags show them. */
  List<String> tags(String label) {
    WebElement field = field(label).findElement(By.xpath("ancestor::div[contains(@class,'fjs-form-field')][1]"));
    return field.findElements(By.cssSelector(".fjs-taglist-tag .fjs-taglist-tag-label")).stream()
        .map(WebElement::getText).map(String::trim).toList();
  }

  /** A screenshot tall enough to show the whole open task, from its name down to its buttons. */
  void screenshotOfTheWholeTask(Path file) {
    org.openqa.selenium.Dimension size = driver.manage().window().getSize();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), 1900));
    ((JavascriptExecutor) driver).executeScript(
        "document.querySelectorAll('.task-details, .task-details *').forEach(e => { if (e.scrollTop) e.scrollTop = 0; });");
    screenshot(file);
    driver.manage().window().setSize(size);
  }

  void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(Path.of(file.toString().replaceAll("\\.png$", ".html")), driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Clicks what {@code locator} finds once it is clickable, and finds it anew when Tasklist re-rendered it in between
   * (its lists refresh by themselves): CI once clicked a task link that the list had just replaced.
   */
  private void click(By locator) {
    wait.ignoring(StaleElementReferenceException.class).until(browser -> {
      WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(browser);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  private void pick(String option) {
    click(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist-item') and starts-with(normalize-space(.), '" + option + "')]"));
  }

  /** Closes Tasklist's notifications ("You are assigned to ...") that float over the lower part of the form. */
  private void dismissNotifications() {
    for (WebElement close : driver.findElements(By.cssSelector(".page-notifications .alert button.close:not(.ng-hide)"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".page-notifications .alert")));
  }

  /** A form field by the label it shows (required fields show an asterisk after it). */
  private WebElement field(String label) {
    WebElement labelElement = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
        "//form[contains(@class,'fjs-form')]//label[contains(@class,'fjs-form-field-label')]"
            + "[normalize-space(.)='" + label + "' or normalize-space(.)='" + label + "*']")));
    return inView(driver.findElement(By.id(labelElement.getAttribute("for"))));
  }

  /** Scrolls an element to the middle of the task view, clear of Tasklist's fixed footer. */
  private WebElement inView(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    return element;
  }

  private void waitForForm() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    // form-js renders, then Tasklist loads the variables; wait until Angular and the form are idle.
    wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return document.readyState === 'complete' && !document.querySelector('.loader:not(.ng-hide)');"));
  }

  private static By taskLink(String taskId) {
    return By.cssSelector("ol.tasks-list a[href='#/?task=" + taskId + "']");
  }
}
