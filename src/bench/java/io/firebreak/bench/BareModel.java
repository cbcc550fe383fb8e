package io.firebreak.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The reference for a new incident: the smallest model a message starts (message start event → user task),
 * deployed for the run through {@code /engine-rest/deployment/create} and started through {@code /engine-rest/message}.
 * The engine does for it what it does for every start: the definition lookup, the instance, the task, history and
 * the commit, with nothing of Firebreak's.
 */
final class BareModel {

  static final String MESSAGE = "FirebreakBenchBareStart";

  private static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
          xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          id="Definitions_FirebreakBench" targetNamespace="http://firebreak.io/bench">
        <bpmn:message id="Message_BenchBareStart" name="FirebreakBenchBareStart" />
        <bpmn:process id="firebreak-bench-bare-start" name="Benchmark: bare message start" isExecutable="true"
            camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_MessageReceived" name="Message received">
            <bpmn:outgoing>Flow_ToTask</bpmn:outgoing>
            <bpmn:messageEventDefinition id="MessageEventDefinition_Bench" messageRef="Message_BenchBareStart" />
          </bpmn:startEvent>
          <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_MessageReceived" targetRef="Task_LookAtIt" />
          <bpmn:userTask id="Task_LookAtIt" name="Look at it" camunda:formRef="firebreak-bench-task"
              camunda:formRefBinding="latest">
            <bpmn:incoming>Flow_ToTask</bpmn:incoming>
          </bpmn:userTask>
        </bpmn:process>
        <bpmndi:BPMNDiagram id="BPMNDiagram_Bench">
          <bpmndi:BPMNPlane id="BPMNPlane_Bench" bpmnElement="firebreak-bench-bare-start">
            <bpmndi:BPMNShape id="StartEvent_MessageReceived_di" bpmnElement="StartEvent_MessageReceived">
              <dc:Bounds x="152" y="102" width="36" height="36" />
              <bpmndi:BPMNLabel><dc:Bounds x="128" y="145" width="84" height="14" /></bpmndi:BPMNLabel>
            </bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Task_LookAtIt_di" bpmnElement="Task_LookAtIt">
              <dc:Bounds x="250" y="80" width="100" height="80" />
            </bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="Flow_ToTask_di" bpmnElement="Flow_ToTask">
              <di:waypoint x="188" y="120" />
              <di:waypoint x="250" y="120" />
            </bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane>
        </bpmndi:BPMNDiagram>
      </bpmn:definitions>
      """;

  private static final String FORM = """
      {"id":"firebreak-bench-task","type":"default","schemaVersion":16,
       "components":[{"type":"text","id":"Text_Bench","text":"A benchmark's task: nothing to do."}]}
      """;

  private BareModel() {
  }

  /** Deploys the model and its form (duplicate filtering: a rerun adds no version). */
  static void deploy(BenchSettings settings) throws IOException, InterruptedException {
    String boundary = "----firebreak-bench-" + UUID.randomUUID();
    StringBuilder body = new StringBuilder();
    part(body, boundary, "deployment-name", null, "firebreak-bench");
    part(body, boundary, "enable-duplicate-filtering", null, "true");
    part(body, boundary, "deployment-source", null, "firebreak-bench");
    part(body, boundary, "firebreak-bench-bare-start.bpmn", "firebreak-bench-bare-start.bpmn", BPMN);
    part(body, boundary, "firebreak-bench-task.form", "firebreak-bench-task.form", FORM);
    body.append("--").append(boundary).append("--\r\n");
    String auth = Base64.getEncoder().encodeToString(
        (settings.adminUser() + ":" + settings.adminPassword()).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/engine-rest/deployment/create"))
        .header("Authorization", "Basic " + auth)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("deploying the bare model answered " + answer.statusCode() + ": "
          + answer.body());
    }
  }

  private static void part(StringBuilder body, String boundary, String name, String filename, String content) {
    body.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (filename != null) {
      body.append("; filename=\"").append(filename).append("\"\r\nContent-Type: application/octet-stream");
    }
    body.append("\r\n\r\n").append(content).append("\r\n");
  }
}
