package io.firebreak.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our conventions for models in processes/: they open in Modeler, every task has its form, every call out retries. */
class ProcessModelConventionsTest {

  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyFlowElementHasADiagramShapeOrEdge(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    Set<String> drawn = new HashSet<>();
    bpmn.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
    bpmn.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
    List<String> undrawn = bpmn.getModelElementsByType(FlowElement.class).stream()
        .filter(e -> e instanceof FlowNode || e instanceof SequenceFlow)
        .map(FlowElement::getId).filter(id -> !drawn.contains(id)).toList();
    assertThat(undrawn).as("elements without diagram in " + model).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskAndTheStartEventOfAProcessStartedInTasklistUseAFormFromTheFormsFolderByLatestBinding(Path model)
      throws IOException {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    Set<String> formIds = new HashSet<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        formIds.add(new ObjectMapper().readTree(form.toFile()).get("id").asText());
      }
    }
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaFormRef()).as("form of " + task.getId()).isIn(formIds);
      assertThat(task.getCamundaFormRefBinding()).as("binding of " + task.getId()).isEqualTo("latest");
    }
    // A process people start from Tasklist asks for its input; one only the engine starts says so.
    for (StartEvent start : bpmn.getModelElementsByType(StartEvent.class)) {
      boolean startedInTasklist = start.getParentElement() instanceof Process process
          && process.isCamundaStartableInTasklist() && start.getEventDefinitions().isEmpty();
      if (startedInTasklist) {
        assertThat(start.getCamundaFormRef()).as("start form of " + start.getId()).isIn(formIds);
        assertThat(start.getCamundaFormRefBinding()).isEqualTo("latest");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyAsynchronousStepAndLoopHasTheSharedRetryCycle(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
      if (node instanceof EventBasedGateway) {
        continue; // it cannot be asynchronous (the model API refuses to say)
      }
      if (node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter()) {
        assertThat(retryCycle(node.getExtensionElements())).as("retry cycle of " + node.getId())
            .isEqualTo("${retryPolicy.cycle}");
      }
    }
    for (MultiInstanceLoopCharacteristics loop : bpmn.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
      if (loop.isCamundaAsyncBefore() || loop.isCamundaAsyncAfter()) {
        assertThat(retryCycle(loop.getExtensionElements())).as("retry cycle of the loop of " + loop.getParentElement())
            .isEqualTo("${retryPolicy.cycle}");
      }
    }
  }

  private static String retryCycle(ExtensionElements extensions) {
    CamundaFailedJobRetryTimeCycle cycle = extensions == null ? null
        : extensions.getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
            .findFirst().orElse(null);
    return cycle == null ? null : cycle.getTextContent().trim();
  }

  @ParameterizedTest
  @MethodSource("models")
  void processesKeepTheirHistoryForADefinedTime(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    bpmn.getModelElementsByType(Process.class)
        .forEach(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).as(p.getId()).isNotBlank());
  }

  @ParameterizedTest
  @MethodSource("models")
  void idsReadLikeTheDomain(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (FlowElement element : bpmn.getModelElementsByType(FlowElement.class)) {
      assertThat(element.getId()).as("typed prefix + CamelCase")
          .matches("(StartEvent|EndEvent|CatchEvent|ThrowEvent|BoundaryEvent|Timer|Gateway|UserTask|ServiceTask|BusinessRuleTask|CallActivity|SubProcess|Flow)_[A-Z][A-Za-z0-9]+");
      if (element instanceof FlowNode node && !(element instanceof SubProcess) && !element.getId().startsWith("Gateway_")) {
        assertThat(node.getName()).as("name of " + element.getId()).isNotBlank();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void everyServiceTaskThatCallsOutsideIsAsync() throws java.io.IOException {
    List<String> synchronous = models()
        .flatMap(model -> Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(ServiceTask.class).stream())
        .filter(task -> !task.isCamundaAsyncBefore()).map(ServiceTask::getId).toList();
    // Only recording the incident is synchronous: it writes our own table and allocates the key.
    assertThat(synchronous).containsExactly("ServiceTask_RecordIncident");
  }
}
