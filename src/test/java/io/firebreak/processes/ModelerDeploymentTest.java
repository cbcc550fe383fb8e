package io.firebreak.processes;

import static io.firebreak.incident.IncidentProcess.Elements.APPOINT_ROLES;
import static io.firebreak.incident.IncidentProcess.Elements.TAKE_INCIDENT_MANAGER_ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.IncidentScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A process owner changes {@code incident.bpmn} in Camunda Modeler and presses Deploy: Modeler sends the file to
 * {@code /engine-rest/deployment/create} with basic auth, as this test does. New incidents start on the new version,
 * running ones finish on theirs, and the forms (binding latest) and the Spring delegates keep resolving for both.
 */
class ModelerDeploymentTest extends IncidentScenarios {

  private static final String CHANGED_NAME = "Take over as Incident Manager";

  /**
   * The engine this build runs on, as its REST API reports it to Modeler: pom.xml's {@code engine.version} (Camunda
   * 7.24.0, or Operaton's with {@code -Poperaton}), handed over by Surefire; 7.24 when the test runs outside Maven.
   */
  private static final String ENGINE_VERSION = System.getProperty("firebreak.engine.version", "7.24");

  @LocalServerPort
  int port;

  private Http http;
  private String modelerDeployment;

  @BeforeEach
  void http() {
    http = Http.to(port);
  }

  @AfterEach
  void removeTheChangedModel() {
    // Other tests start incidents from the model in processes/; the changed version goes with its instances.
    if (modelerDeployment != null) {
      engine.getRepositoryService().deleteDeployment(modelerDeployment, true);
    }
  }

  @Test
  void aModelDeployedFromModelerStartsNewIncidentsWhileRunningOnesFinishOnTheirVersion() throws IOException {
    ProcessDefinition before = latestIncidentDefinition();
    String running = startFromTheStartForm("Search is slow (before the change)");
    assertThat(task(running, TAKE_INCIDENT_MANAGER_ROLE).getName()).isEqualTo("Take the Incident Manager role");

    // Modeler's connection check before the Deploy dialog accepts the endpoint.
    assertThat(http.as("paula").get("/engine-rest/deployment?maxResults=0").status()).isEqualTo(200);
    assertThat(http.as("paula").get("/engine-rest/version").json().get("version").asText()).startsWith(ENGINE_VERSION);

    String changed = Files.readString(Path.of("processes", "incident.bpmn"))
        .replace("name=\"Take the Incident Manager role\"", "name=\"" + CHANGED_NAME + "\"");
    assertThat(changed).contains(CHANGED_NAME);
    Http.Response deployed = deployFromModeler(http.as("paula"), changed);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    modelerDeployment = deployed.json().get("id").asText();
    assertThat(deployed.json().get("source").asText()).isEqualTo("Camunda Modeler");
    JsonNode definitions = deployed.json().get("deployedProcessDefinitions");
    assertThat(definitions).hasSize(1);
    JsonNode definition = definitions.elements().next();
    assertThat(definition.get("key").asText()).isEqualTo("incident");
    assertThat(definition.get("version").asInt()).isEqualTo(before.getVersion() + 1);

    // A new incident, started as Tasklist starts it, runs on the new version.
    String fresh = startFromTheStartForm("Search is slow (after the change)");
    ProcessInstance freshInstance = instance(fresh);
    assertThat(freshInstance.getProcessDefinitionId()).isEqualTo(definition.get("id").asText());
    Task take = task(fresh, TAKE_INCIDENT_MANAGER_ROLE);
    assertThat(take.getName()).isEqualTo(CHANGED_NAME);
    // Its form comes from the application's deployment (binding latest) and the delegates are the application's beans.
    assertThat(http.as("ivan").get("/engine-rest/task/" + take.getId() + "/deployed-form").json().get("id").asText())
        .isEqualTo("take-incident-manager-role");
    runJobs(fresh);
    complete(fresh, TAKE_INCIDENT_MANAGER_ROLE, "ivan", Map.of("incidentManagerRoleTaken", true));
    assertThat(incidents.get(freshInstance.getBusinessKey()).roles().incidentManager()).isEqualTo("ivan");
    assertThat(task(fresh, APPOINT_ROLES).getAssignee()).isEqualTo("ivan");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(fresh).withException().count()).isZero();

    // The incident that was running before the deployment stays on its version and finishes its step there.
    ProcessInstance runningInstance = instance(running);
    assertThat(runningInstance.getProcessDefinitionId()).isEqualTo(before.getId());
    assertThat(task(running, TAKE_INCIDENT_MANAGER_ROLE).getName()).isEqualTo("Take the Incident Manager role");
    complete(running, TAKE_INCIDENT_MANAGER_ROLE, "ivan", Map.of("incidentManagerRoleTaken", true));
    assertThat(task(running, APPOINT_ROLES).getAssignee()).isEqualTo("ivan");
    assertThat(instance(running).getProcessDefinitionId()).isEqualTo(before.getId());

    // Deploy again without a change: Modeler asks for duplicate filtering, so no new version appears.
    Http.Response unchanged = deployFromModeler(http.as("paula"), changed);
    assertThat(unchanged.status()).as(unchanged.body()).isEqualTo(200);
    assertThat(unchanged.json().get("deployedProcessDefinitions").isNull()).isTrue();
    assertThat(latestIncidentDefinition().getVersion()).isEqualTo(before.getVersion() + 1);
  }

  @Test
  void onlyProcessOwnersAndTheAdministratorDeployAndProcessOwnersDoNotReadIncidents() throws IOException {
    String model = Files.readString(Path.of("processes", "incident.bpmn"));
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();

    // The administrator may deploy: a broken model gets as far as the parser (400), not a 403.
    Http.Response administrator = deployFromModeler(http.as("admin"), "<definitions>not BPMN</definitions>");
    assertThat(administrator.status()).as(administrator.body()).isEqualTo(400);

    Http.Response anonymous = deployFromModeler(http, model);
    assertThat(anonymous.status()).isEqualTo(401);
    // An unknown user, not a wrong password: Camunda delays a user's next login after a failed one.
    Http.Response unknown = deployFromModeler(http.as("nobody", "guess"), model);
    assertThat(unknown.status()).isEqualTo(401);
    Http.Response roleHolder = deployFromModeler(http.as("ivan"), model);
    assertThat(roleHolder.status()).isEqualTo(403);
    assertThat(roleHolder.json().get("message").asText()).contains("CREATE").contains("Deployment");

    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);

    // Owning the model is not taking part in incidents: no incident, task or variable is visible to a process owner.
    String incident = startFromTheStartForm("Payments are slow (private)");
    Http paula = http.as("paula");
    assertThat(paula.get("/engine-rest/process-instance?processDefinitionKey=incident").json()).isEmpty();
    assertThat(paula.get("/engine-rest/task?processInstanceId=" + incident).json()).isEmpty();
    assertThat(paula.get("/engine-rest/variable-instance?processInstanceIdIn=" + incident).json()).isEmpty();
    assertThat(paula.get("/engine-rest/process-instance/" + incident + "/variables").status()).isEqualTo(403);
    assertThat(paula.get("/engine-rest/process-definition/key/incident").status()).isEqualTo(200);
  }

  @Test
  void aModelTheEngineCannotParseIsA400AndDeploysNothing() {
    ProcessDefinition before = latestIncidentDefinition();
    Http.Response broken = deployFromModeler(http.as("paula"), "<definitions>not BPMN</definitions>");
    assertThat(broken.status()).isEqualTo(400);
    // Modeler recognises a parse error by this prefix and shows "Server could not parse the diagram".
    assertThat(broken.json().get("message").asText()).startsWith("ENGINE-09005 Could not parse BPMN process.");
    assertThat(latestIncidentDefinition().getId()).isEqualTo(before.getId());
  }

  /**
   * The multipart request of Modeler's Deploy button for a Camunda 7 target, part by part as Modeler 5's
   * {@code CamundaAPI.deployDiagram} builds it: name, source, duplicate filtering, the diagram as text/xml.
   */
  private static Http.Response deployFromModeler(Http as, String bpmn) {
    String boundary = "----CamundaModeler" + UUID.randomUUID();
    String body = part(boundary, "deployment-name", null, "incident")
        + part(boundary, "deployment-source", null, "Camunda Modeler")
        + part(boundary, "enable-duplicate-filtering", null, "true")
        + part(boundary, "incident.bpmn", "incident.bpmn", bpmn)
        + "--" + boundary + "--\r\n";
    return as.post("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body);
  }

  private static String part(String boundary, String name, String fileName, String content) {
    String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: text/xml");
    return "--" + boundary + "\r\n" + disposition + "\r\n\r\n" + content + "\r\n";
  }

  /** Starts an incident through the start form as Tasklist does; returns the process instance id. */
  private String startFromTheStartForm(String title) {
    Http.Response started = http.as("frida").postJson("/engine-rest/process-definition/key/incident/submit-form",
        "{\"variables\": {\"title\": {\"value\": \"" + title + "\"}, \"severity\": {\"value\": \"SEV3\"}}}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String id = started.json().get("id").asText();
    continueAfterRecording(id);
    return id;
  }

  private ProcessInstance instance(String id) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private ProcessDefinition latestIncidentDefinition() {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("incident")
        .latestVersion().singleResult();
  }
}
