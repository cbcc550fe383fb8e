package io.firebreak;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process assertions fail where they should: a process tests' check that cannot fail proves nothing. A probe
 * process of two user tasks, deployed for these tests only: {@code Start → First → Second → End}.
 */
class ProcessAssertionsTest extends FirebreakTest {

  private static final String PROBE = "process-assertions-probe";

  private String deployment;

  @BeforeEach
  void deployProbe() {
    deployment = engine.getRepositoryService().createDeployment().name(PROBE)
        .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Probe").userTask("Task_First").userTask("Task_Second")
            .endEvent("EndEvent_Probe").done())
        .deploy().getId();
  }

  @AfterEach
  void removeProbe() {
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  @Test
  void aRunningInstanceWaitsWhereItIsAndHasPassedOnlyWhatItFinished() {
    ProcessInstance probe = engine.getRuntimeService().startProcessInstanceByKey(PROBE);

    assertThatCode(() -> ProcessAssertions.assertThat(probe).isActive().isWaitingAt("Task_First")
        .hasPassed("StartEvent_Probe").hasNotPassed("Task_First", "Task_Second")).doesNotThrowAnyException();

    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).isWaitingAt("Task_Second"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("waiting at [Task_First]");
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).isWaitingAt("Task_First", "Task_Second"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).hasPassed("Task_First"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("passed [StartEvent_Probe]");
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).hasNotPassed("Task_Second", "StartEvent_Probe"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).isEnded()).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).isWaitingAt())
        .isInstanceOf(AssertionError.class).hasMessageContaining("activity ids");
  }

  @Test
  void aSuspendedInstanceIsNotActive() {
    ProcessInstance probe = engine.getRuntimeService().startProcessInstanceByKey(PROBE);
    engine.getRuntimeService().suspendProcessInstanceById(probe.getId());

    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).isActive())
        .isInstanceOf(AssertionError.class).hasMessageContaining("not to be suspended");
    assertThatCode(() -> ProcessAssertions.assertThat(probe).isWaitingAt("Task_First")).doesNotThrowAnyException();
  }

  @Test
  void anEndedInstanceHasPassedItsActivitiesInTheirOrderAndWaitsNowhere() {
    ProcessInstance probe = engine.getRuntimeService().startProcessInstanceByKey(PROBE);
    completeTask(probe, "Task_First");
    completeTask(probe, "Task_Second");

    assertThatCode(() -> ProcessAssertions.assertThat(probe).isEnded()
        .hasPassedInOrder("StartEvent_Probe", "Task_First", "Task_Second", "EndEvent_Probe")
        .hasPassedInOrder("Task_First", "EndEvent_Probe")).doesNotThrowAnyException();

    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).hasPassedInOrder("Task_Second", "Task_First"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("in order");
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).hasNotPassed("Task_Second"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).isWaitingAt("Task_Second"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ended already");
    assertThatThrownBy(() -> ProcessAssertions.assertThat(probe).isActive())
        .isInstanceOf(AssertionError.class).hasMessageContaining("ended already");
    assertThatThrownBy(() -> ProcessAssertions.assertThat(null).isEnded()).isInstanceOf(AssertionError.class);
  }

  private void completeTask(ProcessInstance instance, String taskDefinitionKey) {
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskDefinitionKey).singleResult().getId());
  }
}
