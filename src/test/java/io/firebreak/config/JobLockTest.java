package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakApplication;
import io.firebreak.integration.OutsideHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In a node with its job executor running, a step knows how long its job lock still holds (what RateLimits keeps
 * outside calls within), and the configured lock leaves room for one outside call while a dead node's jobs are taken
 * over within a minute; the job executor's threads run at a lower priority than the requests' (JobExecutorThreads).
 */
class JobLockTest {

  static final ConcurrentLinkedQueue<Optional<Duration>> seenBySteps = new ConcurrentLinkedQueue<>();
  static final ConcurrentLinkedQueue<Integer> threadPriorities = new ConcurrentLinkedQueue<>();

  /** The step of the probe process: notes what JobLock says while the job executor runs it. */
  public static class NotesItsLock implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      threadPriorities.add(Thread.currentThread().getPriority());
      seenBySteps.add(JobLock.remaining());
    }
  }

  @Test
  void aStepRunByTheJobExecutorSeesItsLockAndTheLockFitsTheLongestStep() throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.jmx.enabled=false",
        "--camunda.bpm.process-engine-name=joblock", "--camunda.bpm.job-execution.enabled=true"));
    String url = System.getenv().getOrDefault("FIREBREAK_DB_URL", "");
    if (url.startsWith("jdbc:postgresql:")) {
      Postgres postgres = Postgres.orSkip("the job lock test on PostgreSQL");
      arguments.add("--spring.datasource.url=" + postgres.url(postgres.freshDatabase("joblock")));
    } else {
      arguments.add("--spring.datasource.url=jdbc:h2:mem:firebreak-joblock;DB_CLOSE_DELAY=-1");
    }
    Map<String, ProcessEngine> enginesBefore = new LinkedHashMap<>(ProcessEngines.getProcessEngines());
    try (ConfigurableApplicationContext node = new SpringApplicationBuilder(FirebreakApplication.class)
        .run(arguments.toArray(String[]::new))) {
      ProcessEngine engine = node.getBean(ProcessEngine.class);
      JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
      Duration lock = Duration.ofMillis(jobExecutor.getLockTimeInMillis());
      Duration longestIdleWait = Duration.ofMillis(jobExecutor.getMaxWait());

      assertThat(lock).as("room for one outside call and what follows it")
          .isGreaterThanOrEqualTo(OutsideHttp.CALL_LIMIT.plusSeconds(5));
      assertThat(lock.plus(longestIdleWait)).as("a dead node's jobs are taken over within a minute")
          .isLessThan(Duration.ofSeconds(60));

      engine.getRepositoryService().createDeployment().name("job-lock-probe")
          .addModelInstance("job-lock-probe.bpmn", Bpmn.createExecutableProcess("job-lock-probe")
              .camundaHistoryTimeToLive(1)
              .startEvent().serviceTask("ServiceTask_NoteTheLock").camundaAsyncBefore()
              .camundaClass(NotesItsLock.class.getName()).endEvent().done())
          .deploy();
      engine.getRuntimeService().startProcessInstanceByKey("job-lock-probe");
      for (int i = 0; i < 60 && seenBySteps.isEmpty(); i++) {
        Thread.sleep(500);
      }

      assertThat(seenBySteps).as("the job executor ran the step").hasSize(1);
      assertThat(threadPriorities).as("on a thread below the requests' priority (JobExecutorThreads)")
          .containsExactly(Thread.MIN_PRIORITY);
      Optional<Duration> remaining = seenBySteps.peek();
      assertThat(remaining).as("the step knows its lock").isPresent();
      assertThat(remaining.get()).isPositive().isLessThanOrEqualTo(lock);
    } finally {
      enginesBefore.forEach((name, engine) -> {
        if (ProcessEngines.getProcessEngine(name) == null) {
          ProcessEngines.registerProcessEngine(engine);
        }
      });
    }
  }
}
