package io.firebreak.browser;

import static io.firebreak.incident.IncidentProcess.Elements.APPOINT_ROLES;
import static io.firebreak.incident.IncidentProcess.Elements.CONFIRM_RESOLUTION;
import static io.firebreak.incident.IncidentProcess.Elements.LEAD_THE_FIX;
import static io.firebreak.incident.IncidentProcess.Elements.PUBLISH_EXTERNAL_UPDATE;
import static io.firebreak.incident.IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE;
import static io.firebreak.incident.IncidentProcess.Elements.UPDATE_STATUS_PAGE;
import static io.firebreak.postmortem.PostmortemProcess.Elements.SCHEDULE_MEETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import io.firebreak.incident.Incident;
import io.firebreak.incident.Stage;
import io.firebreak.incident.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The role holders' journey in Camunda Tasklist, in Debian's Chromium driven by Selenium, on PostgreSQL: every step is
 * done by clicking and typing in the real webapp, then checked on screen and through the API. A failing step leaves a
 * screenshot and the page's HTML in {@code target/browser/}. Runs in the PostgreSQL pass of {@code .ci/run}, which
 * requires it; elsewhere it is skipped with a message (in {@code target/surefire-reports/}) that says what it needs.
 */
class TasklistBrowserTest extends IncidentScenarios {

  static final Path SCREENSHOTS = Path.of("target", "browser");

  @LocalServerPort
  int port;

  private ChromeDriver driver;
  /** Whether the failure being thrown has its screenshot already (steps nest in the journey). */
  private boolean failureRecorded;
  private Tasklist tasklist;
  private Http api;

  @BeforeEach
  void chromiumOnPostgres() throws IOException {
    String database = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType();
    Chromium.skipUnless("postgres".equals(database),
        "The Tasklist browser test runs on PostgreSQL, not " + database + ": .ci/run runs it, or "
            + "SPRING_PROFILES_ACTIVE=postgres,demo FIREBREAK_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db> ./mvnw verify");

    driver = Chromium.start("The Tasklist browser test", 1400, 1000);
    tasklist = new Tasklist(driver, port);
    api = Http.to(port).as("ivan");
  }

  @AfterEach
  void closeBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void roleHoldersTakeAnIncidentFromDeclarationToThePostmortemInTasklist() {
    // A failure between the steps (a check through the API) leaves its screenshot too.
    step("journey", this::journey);
  }

  private void journey() {
    String title = "Checkout returns 502 for some customers";
    Date declaredFrom = ClockUtil.getCurrentTime();

    // The First Responder declares the incident with the start form.
    step("declare the incident", () -> {
      tasklist.logInAs("frida");
      tasklist.openStartForm("Incident");
      assertThat(tasklist.formText()).contains("Declare an incident");
      tasklist.type("Title", title);
      tasklist.choose("Severity", "SEV2");
      tasklist.tick("Customers are affected");
      tasklist.type("Product", "Shop");
      tasklist.start();
    });
    List<HistoricProcessInstance> declared = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("incident").startedBy("frida").startedAfter(declaredFrom).list();
    assertThat(declared).as("incidents the start form started").hasSize(1);
    String key = declared.get(0).getBusinessKey();
    String pi = declared.get(0).getId();
    JsonNode recorded = api.get("/api/incidents/" + key).json();
    assertThat(recorded.get("title").asText()).isEqualTo(title);
    assertThat(recorded.get("severity").asText()).isEqualTo("SEV2");
    assertThat(recorded.get("customerFacing").asBoolean()).isTrue();
    assertThat(recorded.get("product").asText()).isEqualTo("Shop");
    assertThat(recorded.get("roles").get("firstResponder").asText()).isEqualTo("frida");

    // The job executor's step after "Record the incident" (the start form's answer came before it).
    continueAfterRecording(pi);
    // The First Responder sees the new incident's first task: she may take the role herself until someone does.
    String take = taskId(pi, TAKE_INCIDENT_MANAGER_ROLE);
    step("see the declared incident", () -> {
      tasklist.filter("All incident tasks", key);
      assertThat(tasklist.lists(take)).as("First Responder sees the incident's first task").isTrue();
      assertThat(tasklist.listedName(take)).isEqualTo("Take the Incident Manager role");
    });

    // An Incident Manager finds "Take the Incident Manager role" among the group tasks, claims and completes it.
    step("take the Incident Manager role", () -> {
      tasklist.logInAs("ivan");
      tasklist.filter("My group tasks", key);
      assertThat(tasklist.lists(take)).as("group task listed").isTrue();
      assertThat(tasklist.listedName(take)).isEqualTo("Take the Incident Manager role");
      tasklist.open(take);
      tasklist.claim();
      assertThat(engine.getTaskService().createTaskQuery().taskId(take).singleResult().getAssignee()).isEqualTo("ivan");
      assertThat(tasklist.value("Incident")).isEqualTo(key);
      assertThat(tasklist.value("Title")).isEqualTo(title);
      tasklist.tick("I take the Incident Manager role");
      tasklist.complete(take);
      awaitCompleted(take);
    });
    assertThat(incidents.get(key).roles().incidentManager()).isEqualTo("ivan");

    // "Appoint roles" is his own task now: a Communications Manager and a Domain Expert.
    String appoint = taskId(pi, APPOINT_ROLES);
    step("appoint roles", () -> {
      tasklist.filter("My tasks", key);
      tasklist.open(appoint);
      assertThat(tasklist.value("Incident Manager")).isEqualTo("ivan");
      tasklist.choose("Communications Manager", "Carla");
      tasklist.tag("Domain Experts", "Dora");
      assertThat(tasklist.tags("Domain Experts")).singleElement().asString().startsWith("Dora");
      tasklist.complete(appoint);
      awaitCompleted(appoint);
    });
    Incident.Roles roles = incidents.get(key).roles();
    assertThat(roles.communicationsManager()).isEqualTo("carla");
    assertThat(roles.domainExperts()).containsExactly("dora");
    runJobs(pi);

    // He leads the fix and drafts an external update; this is the README's picture of Tasklist during an incident.
    String lead = taskId(pi, LEAD_THE_FIX);
    String draft = "Checkout fails for some customers; we are on it.";
    step("lead the fix with an external update", () -> {
      tasklist.filter("My tasks", key);
      tasklist.open(lead);
      tasklist.choose("Status", "Identified");
      tasklist.type("Status update (internal)", "Bad load balancer rule; rolling back");
      tasklist.type("External update draft", draft);
      tasklist.screenshotOfTheWholeTask(SCREENSHOTS.resolve("tasklist-during-an-incident.png"));
      tasklist.complete(lead);
      awaitCompleted(lead);
    });
    runJobs(pi);
    assertThat(incidents.get(key).status()).isEqualTo(Status.IDENTIFIED);

    // The Communications Manager publishes it, starting from the Incident Manager's draft.
    String publish = taskId(pi, PUBLISH_EXTERNAL_UPDATE);
    String published = "Some customers cannot check out. We identified the cause and are rolling back.";
    step("publish the external update", () -> {
      tasklist.logInAs("carla");
      tasklist.filter("My tasks", key);
      assertThat(tasklist.lists(publish)).as("Communications Manager's task listed").isTrue();
      tasklist.open(publish);
      assertThat(tasklist.value("External update")).isEqualTo(draft);
      tasklist.type("External update", published);
      tasklist.choose("Status", "Identified");
      tasklist.complete(publish);
      awaitCompleted(publish);
    });
    runJobs(pi);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi)
        .activityId(UPDATE_STATUS_PAGE).finished().count()).isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi)
        .variableName("externalUpdate").list()).extracting(v -> v.getValue()).contains(published);

    // The Incident Manager declares it ready to resolve and confirms the resolution.
    String monitoring = taskId(pi, LEAD_THE_FIX);
    step("ready to resolve", () -> {
      tasklist.logInAs("ivan");
      tasklist.filter("My tasks", key);
      tasklist.open(monitoring);
      tasklist.choose("Status", "Monitoring");
      tasklist.type("Status update (internal)", "Rolled back; error rate normal");
      tasklist.tick("Ready to resolve");
      tasklist.complete(monitoring);
      awaitCompleted(monitoring);
    });
    runJobs(pi);
    String confirm = taskId(pi, CONFIRM_RESOLUTION);
    step("confirm the resolution", () -> {
      tasklist.filter("My tasks", key);
      tasklist.open(confirm);
      tasklist.type("Resolution summary", "Rolled back the load balancer rule");
      tasklist.complete(confirm);
      awaitCompleted(confirm);
    });
    runJobs(pi);
    passReopenWindow(pi);
    Incident resolved = incidents.get(key);
    assertThat(resolved.stage()).isEqualTo(Stage.IMPROVE);
    assertThat(resolved.resolutionSummary()).isEqualTo("Rolled back the load balancer rule");
    assertThat(api.get("/api/incidents/" + key).json().get("resolvedAt").asText()).isNotBlank();

    // The postmortem's first task waits for the Incident Manager.
    ProcessInstance postmortem = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("postmortem").processInstanceBusinessKey(key).singleResult();
    String schedule = taskId(postmortem.getId(), SCHEDULE_MEETING);
    step("see the postmortem's first task", () -> {
      tasklist.filter("My tasks", key);
      assertThat(tasklist.lists(schedule)).as("postmortem task listed").isTrue();
      assertThat(tasklist.listedName(schedule)).isEqualTo("Schedule postmortem meeting");
      tasklist.open(schedule);
      assertThat(tasklist.value("Incident")).isEqualTo(key);
      assertThat(tasklist.tags("Invitees")).anyMatch(tag -> tag.startsWith("Ivan")).anyMatch(tag -> tag.startsWith("Carla"));
    });
    assertThat(engine.getTaskService().createTaskQuery().taskId(schedule).singleResult().getAssignee()).isEqualTo("ivan");
  }

  private String taskId(String processInstanceId, String taskDefinitionKey) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(taskDefinitionKey).list();
    assertThat(tasks).as(taskDefinitionKey + " open").hasSize(1);
    return tasks.get(0).getId();
  }

  /** Waits until the engine has completed the task Tasklist submitted (the list hides it before the answer). */
  private void awaitCompleted(String taskId) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).finished().count() == 0) {
      assertThat(System.nanoTime()).as("task " + taskId + " completed within 20 s").isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Runs one step of the journey; when it fails, the screen and the page source are kept in target/browser/. */
  private void step(String name, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException | AssertionError failure) {
      if (failureRecorded) {
        throw failure;
      }
      failureRecorded = true;
      Path shot = SCREENSHOTS.resolve("failed-" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".png");
      try {
        tasklist.screenshot(shot);
        failure.addSuppressed(new IllegalStateException("screenshot of the failed step: " + shot.toAbsolutePath()));
      } catch (RuntimeException screenshotFailed) {
        failure.addSuppressed(screenshotFailed);
      }
      throw failure;
    }
  }
}
