package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo users walk an incident from declaration to closed through the engine REST API, with the calls Tasklist
 * makes for Camunda Forms (deployed form, form variables, claim, submit-form). This proves the role groups'
 * authorizations, the forms' deployment and the Json values Tasklist submits.
 */
class TasklistJourneyTest extends IncidentScenarios {

  @LocalServerPort
  int port;

  Http frida;
  Http ivan;
  Http carla;
  Http dora;

  @BeforeEach
  void users() {
    Http http = Http.to(port);
    frida = http.as("frida");
    ivan = http.as("ivan");
    carla = http.as("carla");
    dora = http.as("dora");
  }

  @Test
  void demoUsersTakeAnIncidentThroughEveryStageAndRoleInTasklist() {
    // The First Responder opens the start form "Declare incident" and submits it.
    JsonNode startForm = frida.get("/engine-rest/process-definition/key/incident/deployed-start-form").json();
    assertThat(startForm.get("id").asText()).isEqualTo("declare-incident");
    Http.Response started = frida.postJson("/engine-rest/process-definition/key/incident/submit-form", """
        {"variables": {
          "title": {"value": "Checkout returns 502"}, "severity": {"value": "SEV2"},
          "customerFacing": {"value": true}, "product": {"value": "Shop"}, "environment": {"value": "prod/eu1"}}}
        """);
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String pi = started.json().get("id").asText();
    String key = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();
    assertThat(incidents.get(key).roles().firstResponder()).isEqualTo("frida");
    // The response starts after recording, in a job (the job executor's in production).
    continueAfterRecording(pi);

    // Only incident managers (and the First Responder) see "Take the Incident Manager role".
    assertThat(taskIds(dora, pi, "UserTask_TakeIncidentManagerRole")).isEmpty();
    String take = single(ivan, pi, "UserTask_TakeIncidentManagerRole");
    assertThat(ivan.get("/engine-rest/task/" + take + "/deployed-form").json().get("id").asText())
        .isEqualTo("take-incident-manager-role");
    assertThat(ivan.get("/engine-rest/task/" + take + "/form-variables").json().get("incidentKey").get("value").asText())
        .isEqualTo(key);
    submit(ivan, take, "ivan", "{\"incidentManagerRoleTaken\": {\"value\": true}}");

    // Appoint roles: the pickers offer the people; Tasklist submits the taglist as a Json array.
    String appoint = single(ivan, pi, "UserTask_AppointRoles");
    JsonNode formVariables = ivan.get("/engine-rest/task/" + appoint + "/form-variables?deserializeValues=false").json();
    assertThat(formVariables.get("people").get("type").asText()).isEqualTo("Json");
    assertThat(formVariables.get("people").get("value").asText()).contains("\"value\":\"carla\"");
    submit(ivan, appoint, null, """
        {"communicationsManager": {"value": "carla"},
         "domainExperts": {"value": "[\\"dora\\"]", "type": "Json"}}
        """);
    assertThat(incidents.get(key).roles().domainExperts()).containsExactly("dora");

    // Lead the fix with an external update; frida cannot complete the Incident Manager's task.
    String lead = single(ivan, pi, "UserTask_LeadTheFix");
    assertThat(frida.postJson("/engine-rest/task/" + lead + "/submit-form", "{\"variables\": {}}").status())
        .isIn(403, 404);
    submit(ivan, lead, null, """
        {"status": {"value": "identified"}, "statusUpdate": {"value": "Bad load balancer rule; rolling back"},
         "externalUpdateDraft": {"value": "Checkout fails for some customers; we are on it."},
         "affectedComponents": {"value": "Checkout"}, "readyToResolve": {"value": false}}
        """);
    runJobs(pi);

    // The Communications Manager publishes it.
    String publish = single(carla, pi, "UserTask_PublishExternalUpdate");
    assertThat(carla.get("/engine-rest/task/" + publish + "/form-variables").json().get("externalUpdate").get("value")
        .asText()).isEqualTo("Checkout fails for some customers; we are on it.");
    submit(carla, publish, null, """
        {"externalUpdate": {"value": "Checkout fails for some customers. We identified the cause."},
         "updateStatus": {"value": "identified"}}
        """);
    runJobs(pi);

    submit(ivan, single(ivan, pi, "UserTask_LeadTheFix"), null, """
        {"status": {"value": "monitoring"}, "statusUpdate": {"value": "Rolled back; error rate normal"},
         "readyToResolve": {"value": true}}
        """);
    runJobs(pi);
    submit(ivan, single(ivan, pi, "UserTask_ConfirmResolution"), null, """
        {"resolutionSummary": {"value": "Rolled back the load balancer rule"},
         "finalExternalMessage": {"value": "Checkout works again."}}
        """);
    runJobs(pi);
    passReopenWindow(pi);

    // Improve: the postmortem's first task is the Incident Manager's.
    String postmortemPi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("postmortem")
        .processInstanceBusinessKey(key).singleResult().getId();
    String schedule = single(ivan, postmortemPi, "UserTask_SchedulePostmortemMeeting");
    assertThat(ivan.get("/engine-rest/task/" + schedule + "/deployed-form").json().get("id").asText())
        .isEqualTo("schedule-postmortem-meeting");
    JsonNode offered = ivan.get("/engine-rest/task/" + schedule + "/form-variables?deserializeValues=false").json();
    assertThat(offered.get("invitees").get("type").asText()).isEqualTo("Json");
    assertThat(offered.get("invitees").get("value").asText()).contains("\"ivan\"", "\"carla\"", "\"frida\"");
    assertThat(offered.get("people").get("value").asText()).contains("\"value\":\"dora\"");
    Http.Response tooLate = ivan.postJson("/engine-rest/task/" + schedule + "/submit-form",
        "{\"variables\": {\"meetingAt\": {\"value\": \"" + inDays(15) + "\"}}}");
    assertThat(tooLate.status()).isEqualTo(400);
    assertThat(tooLate.json().get("message").asText()).contains("within 14 days of the resolution");
    submit(ivan, schedule, null, "{\"meetingAt\": {\"value\": \"" + inDays(3) + "\"}}");
    holdScheduledPostmortem(key, List.of());
    approvePostmortem(key, pi);
    runJobs(postmortemPi, pi);

    JsonNode closed = frida.get("/api/incidents/" + key).json();
    assertThat(closed.get("stage").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("roles").get("incidentManager").asText()).isEqualTo("ivan");
    assertThat(closed.get("roles").get("communicationsManager").asText()).isEqualTo("carla");
    assertThat(closed.get("resolvedAt").asText()).isNotBlank();
    assertThat(closed.get("closedAt").asText()).isNotBlank();
  }

  @Test
  void aFormValueTheProcessRejectsIsA4xxWithTheReasonAndTheTaskStaysOpen() {
    Http.Response started = frida.postJson("/engine-rest/process-definition/key/incident/submit-form",
        "{\"variables\": {\"title\": {\"value\": \"Search down\"}, \"severity\": {\"value\": \"SEV3\"}}}");
    String pi = started.json().get("id").asText();
    continueAfterRecording(pi);
    submit(ivan, single(ivan, pi, "UserTask_TakeIncidentManagerRole"), "ivan", "{\"incidentManagerRoleTaken\": {\"value\": true}}");
    String appoint = single(ivan, pi, "UserTask_AppointRoles");
    Http.Response rejected = ivan.postJson("/engine-rest/task/" + appoint + "/submit-form",
        "{\"variables\": {\"communicationsManager\": {\"value\": \"carla\"}}}");
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().get("message").asText()).contains("at least one Domain Expert is required");
    assertThat(taskIds(ivan, pi, "UserTask_AppointRoles")).containsExactly(appoint);
  }

  @Test
  void aStartFormWithAnUnknownSeverityIsRejected() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("incident").count();
    Http.Response rejected = frida.postJson("/engine-rest/process-definition/key/incident/submit-form",
        "{\"variables\": {\"title\": {\"value\": \"x\"}, \"severity\": {\"value\": \"SEV7\"}}}");
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().get("message").asText()).contains("severity must be SEV1, SEV2, SEV3 or SEV4");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("incident").count())
        .isEqualTo(before);
  }

  private java.util.List<String> taskIds(Http user, String pi, String definitionKey) {
    JsonNode tasks = user.get("/engine-rest/task?processInstanceId=" + pi + "&taskDefinitionKey=" + definitionKey).json();
    java.util.List<String> ids = new java.util.ArrayList<>();
    tasks.forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  private String single(Http user, String pi, String definitionKey) {
    java.util.List<String> ids = taskIds(user, pi, definitionKey);
    assertThat(ids).as(definitionKey + " visible to the user").hasSize(1);
    return ids.get(0);
  }

  /** Claims (when {@code claimAs} is given) and submits a task form as Tasklist does. */
  private void submit(Http user, String taskId, String claimAs, String variables) {
    if (claimAs != null) {
      Http.Response claimed = user.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + claimAs + "\"}");
      assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
    }
    Http.Response submitted = user.postJson("/engine-rest/task/" + taskId + "/submit-form", "{\"variables\": " + variables + "}");
    assertThat(submitted.status()).as(submitted.body()).isIn(200, 204);
  }
}
