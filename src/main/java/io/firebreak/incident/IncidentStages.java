package io.firebreak.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Moves the incident record into the stage the process has entered ({@code ${incidentStages.enter(execution, 'FIX')}}). */
@Component("incidentStages")
public class IncidentStages {

  private final IncidentRepository incidents;

  IncidentStages(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  public void enter(DelegateExecution execution, String stage) {
    String key = IncidentVariables.incidentKey(execution);
    Stage next = Stage.valueOf(stage);
    incidents.updateStage(key, next);
    incidents.appendTimeline(key, TimelineEntryType.STAGE_CHANGED, null, "Stage " + next);
  }
}
