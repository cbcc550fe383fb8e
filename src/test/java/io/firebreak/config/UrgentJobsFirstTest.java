package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On one job executor thread, a backlog's urgent first steps overtake the less urgent steps their own jobs created,
 * while an urgent step still follows its first step at once. A real engine and job executor (in-memory H2).
 */
class UrgentJobsFirstTest {

  static final ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();

  /** Notes which step of which instance ran, in the order the job executor ran them. */
  public static class NotesTheStep implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      ran.add(execution.getCurrentActivityId() + ":" + execution.getBusinessKey());
    }
  }

  ProcessEngine engine;

  @AfterEach
  void close() {
    ran.clear();
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aLessUrgentStepWaitsBehindTheNextInstancesUrgentSteps() throws Exception {
    engine = engineWithOneJobThread("urgent-jobs-first", true);
    startTwoInstancesAndRunTheirJobs();

    List<String> steps = ran.stream().map(step -> step.substring(0, step.indexOf(':'))).toList();
    assertThat(steps).as("both urgent chains first, then the less urgent steps")
        .containsExactly("First", "Urgent", "First", "Urgent", "Later", "Later");
    List<String> order = List.copyOf(ran);
    assertThat(order.get(1)).as("an instance's urgent step right after its first step, on the same thread")
        .isEqualTo("Urgent:" + order.get(0).substring("First:".length()));
    assertThat(order.get(3)).isEqualTo("Urgent:" + order.get(2).substring("First:".length()));
  }

  @Test
  void withoutItTheEngineRunsAnInstancesLessUrgentStepsBeforeTheNextInstance() throws Exception {
    // What the plugin changes: Camunda's own continuation finishes one instance before it starts the next.
    engine = engineWithOneJobThread("camunda-continuation", false);
    startTwoInstancesAndRunTheirJobs();

    List<String> steps = ran.stream().map(step -> step.substring(0, step.indexOf(':'))).toList();
    assertThat(steps).containsExactly("First", "Urgent", "Later", "First", "Urgent", "Later");
  }

  private void startTwoInstancesAndRunTheirJobs() throws InterruptedException {
    engine.getRepositoryService().createDeployment().addModelInstance("urgent-first.bpmn", model()).deploy();
    engine.getRuntimeService().startProcessInstanceByKey("urgent-first", "a");
    engine.getRuntimeService().startProcessInstanceByKey("urgent-first", "b");
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.getJobExecutor().start();
    for (int i = 0; i < 300 && ran.size() < 6; i++) {
      Thread.sleep(100);
    }
    configuration.getJobExecutor().shutdown();
    assertThat(ran).as("every step ran once").hasSize(6);
  }

  /** An urgent first job; after it, in parallel, an urgent step and a less urgent one. */
  private static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess("urgent-first").camundaHistoryTimeToLive(1)
        .startEvent().camundaAsyncBefore().camundaJobPriority("100")
        .serviceTask("First").camundaClass(NotesTheStep.class.getName())
        .parallelGateway("Split")
        .serviceTask("Urgent").camundaAsyncBefore().camundaJobPriority("100").camundaClass(NotesTheStep.class.getName())
        .endEvent()
        .moveToNode("Split")
        .serviceTask("Later").camundaAsyncBefore().camundaClass(NotesTheStep.class.getName())
        .endEvent()
        .done();
  }

  private static ProcessEngine engineWithOneJobThread(String name, boolean urgentFirst) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
        .setProcessEngineName(name)
        .setJobExecutorActivate(false);
    configuration.setJobExecutorAcquireByPriority(true);
    DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
    jobExecutor.setCorePoolSize(1);
    jobExecutor.setMaxPoolSize(1);
    jobExecutor.setQueueSize(10);
    configuration.setJobExecutor(jobExecutor);
    if (urgentFirst) {
      configuration.getProcessEnginePlugins().add(new UrgentJobsFirst());
    }
    return configuration.buildProcessEngine();
  }
}
