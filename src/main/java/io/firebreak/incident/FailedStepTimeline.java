package io.firebreak.incident;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * When a step has used up its retries and becomes a Cockpit incident (Camunda's {@code failedJob} incident, not one
 * of ours), the incident's timeline says which step failed and why. Runs beside Camunda's own handler, which still
 * records the Cockpit incident.
 */
@Component
class FailedStepTimeline extends AbstractProcessEnginePlugin implements IncidentHandler {

  private final IncidentRepository incidents;

  FailedStepTimeline(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCompositeIncidentHandlersEnabled(true);
    List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomIncidentHandlers());
    handlers.add(this);
    configuration.setCustomIncidentHandlers(handlers);
  }

  @Override
  public String getIncidentHandlerType() {
    return Incident.FAILED_JOB_HANDLER_TYPE;
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    if (context.getExecutionId() == null) {
      return null;
    }
    ExecutionEntity execution = Context.getCommandContext().getExecutionManager()
        .findExecutionById(context.getExecutionId());
    String key = execution == null ? null : execution.getProcessBusinessKey();
    if (key == null || incidents.find(key).isEmpty()) {
      return null;
    }
    ActivityImpl activity = execution.getProcessDefinition().findActivity(context.getActivityId());
    String step = activity == null || activity.getName() == null ? context.getActivityId() : activity.getName();
    incidents.appendTimeline(key, TimelineEntryType.STEP_FAILED, null,
        "\"" + step + "\" failed and stopped retrying: " + message + ". Fix the cause, then retry it in Cockpit.");
    return null;
  }

  @Override
  public void resolveIncident(IncidentContext context) {
    // Called for every job that completes, failed before or not; the step's own entries say what it did.
  }

  @Override
  public void deleteIncident(IncidentContext context) {
    // The process instance was cancelled or the job deleted: nothing happened to the incident itself.
  }
}
