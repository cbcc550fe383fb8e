package io.firebreak.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What {@code postmortem-policy.dmn} decided for a resolved incident, on its timeline:
 * {@code ${incidentPostmortemPolicy.decided(execution)}} after "Decide on a postmortem".
 */
@Component("incidentPostmortemPolicy")
public class IncidentPostmortemPolicy {

  private final IncidentRepository incidents;

  IncidentPostmortemPolicy(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  public void decided(DelegateExecution execution) {
    String key = IncidentVariables.incidentKey(execution);
    String policy = String.valueOf(execution.getVariable(IncidentProcess.Variables.POSTMORTEM_POLICY));
    boolean wanted = Boolean.TRUE.equals(execution.getVariable(IncidentProcess.Variables.POSTMORTEM_WANTED));
    String message = switch (policy) {
      case IncidentProcess.POSTMORTEM_REQUIRED -> "Postmortem required by the postmortem policy";
      case IncidentProcess.POSTMORTEM_OPTIONAL -> wanted
          ? "Postmortem held: the Incident Manager asked for one (optional by the postmortem policy)"
          : "No postmortem: the Incident Manager did not ask for one (optional by the postmortem policy); the incident closes";
      default -> "No postmortem by the postmortem policy; the incident closes";
    };
    incidents.appendTimeline(key, TimelineEntryType.POSTMORTEM, null, message);
  }
}
