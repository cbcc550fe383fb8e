package io.firebreak;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.incident.IncidentRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port with the real engine and the real database (H2 by default, PostgreSQL
 * with {@code SPRING_PROFILES_ACTIVE=postgres,demo}). Every test class shares this one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class FirebreakTest {

  @Autowired
  protected ProcessEngine engine;

  @Autowired
  protected IncidentRepository incidents;

  @BeforeEach
  void initialiseAssertions() {
    ProcessAssertions.init(engine);
    engine.getIdentityService().clearAuthentication();
  }

  /** A user in no group (unless the test adds one), created once. */
  protected void createUser(String id, String password) {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(id).count() == 0) {
      org.camunda.bpm.engine.identity.User user = identity.newUser(id);
      user.setPassword(password);
      identity.saveUser(user);
    }
  }

  /**
   * An alert's process starts asynchronously: runs its first job (the job executor's, in production), which takes the
   * alert, triages it and, when declared, records the incident under the key the alert's answer carried. Nothing for
   * a process a person started, or one whose first job has run.
   */
  protected void triageAlert(String... processInstanceIds) {
    for (String processInstanceId : processInstanceIds) {
      engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
          .activityId(io.firebreak.incident.IncidentProcess.Elements.START_ALERT_RECEIVED).list()
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  /**
   * The job executor takes the alerts an answer started, as it does right after the answer in production: runs the
   * first job of every process an outcome of this answer started (a batch's {@code alerts}, or a split's outcome).
   */
  protected Http.Response triaged(Http.Response answer) {
    if (answer.status() / 100 != 2 || answer.body() == null || !answer.body().startsWith("{")) {
      return answer;
    }
    JsonNode json = answer.json();
    List<JsonNode> outcomes = new ArrayList<>();
    json.path("alerts").forEach(outcomes::add);
    outcomes.add(json);
    outcomes.stream()
        .filter(outcome -> "STARTED".equals(outcome.path("outcome").asText()))
        .map(outcome -> outcome.path("processInstanceId").asText(null))
        .filter(Objects::nonNull)
        .distinct()
        .forEach(this::triageAlert);
    return answer;
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
  }
}
