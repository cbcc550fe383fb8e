package io.firebreak.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.jobexecutor.MessageAddedNotification;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.springframework.stereotype.Component;

/**
 * Job priorities decide also within one process instance: a thread of the job executor runs a job its job created
 * right after it only when that job is at least as urgent; a less urgent one waits for the next acquisition, which
 * takes the highest priority first.
 *
 * <p>Camunda runs the exclusive jobs a job creates in the same process instance on the same thread, right after it,
 * whatever their priority. In an alert storm that thread, having run an incident's first job and its channel (priority
 * 100 in incident.bpmn), went on with that incident's bridge, ticket, page and links, while the next incidents' first
 * jobs waited for a free thread: the priorities only ordered what the acquisition took (README, Performance). With
 * equal priorities (every model without them) the engine behaves as before. Exclusivity is unchanged: the acquisition
 * takes no job of a process instance while another of its exclusive jobs is locked.
 */
@Component
class UrgentJobsFirst extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return JobManager.class;
      }

      @Override
      public Session openSession() {
        return new UrgentFirstJobManager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** The engine's job manager, but for which job the current thread continues with. */
  static class UrgentFirstJobManager extends JobManager {

    @Override
    protected void hintJobExecutor(JobEntity job) {
      JobExecutorContext running = Context.getJobExecutorContext();
      JobEntity current = running == null ? null : running.getCurrentJob();
      if (current == null || job.getPriority() >= current.getPriority()) {
        super.hintJobExecutor(job);
        return;
      }
      // Less urgent than the job that created it: left to the acquisition, as a job created outside the job executor.
      JobExecutor jobExecutor = Context.getProcessEngineConfiguration().getJobExecutor();
      if (jobExecutor.isActive() && isJobPriorityInJobExecutorPriorityRange(job.getPriority())) {
        Context.getCommandContext().getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, new MessageAddedNotification(jobExecutor));
      }
    }
  }
}
