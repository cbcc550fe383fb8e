package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import io.firebreak.incident.IncidentProcess.Variables;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Runs when an incident process starts, whichever way it started: gives every variable the models and forms read
 * a value, so a gateway never fails on a variable that one start path did not set.
 */
@Component("incidentVariables")
public class IncidentVariables {

  public void initialise(DelegateExecution execution) {
    String source = lower(ProcessVariables.text(execution, SOURCE));
    boolean byPerson = source == null || IncidentProcess.SOURCE_MANUAL.equals(source);
    execution.setVariable(SOURCE, byPerson ? IncidentProcess.SOURCE_MANUAL : source);
    execution.setVariable(DECLARED_BY, byPerson ? IncidentProcess.DECLARED_BY_PERSON : IncidentProcess.DECLARED_BY_ALERT);

    String severity = ProcessVariables.text(execution, SEVERITY);
    if (severity != null) {
      severity = ProcessVariables.parsed(execution, SEVERITY, Severity::parse).name();
    }
    execution.setVariable(SEVERITY, severity);
    String hint = ProcessVariables.text(execution, SEVERITY_HINT);
    execution.setVariable(SEVERITY_HINT, lower(hint != null ? hint : severity));
    Impact impact = ProcessVariables.parsed(execution, IMPACT, Impact::parse);
    if (impact == null && severity != null) {
      impact = Severity.valueOf(severity).defaultImpact();
    }
    execution.setVariable(IMPACT, impact == null ? null : impact.value());
    execution.setVariable(CUSTOMER_FACING, ProcessVariables.flag(execution, CUSTOMER_FACING));
    String environment = lower(ProcessVariables.text(execution, ENVIRONMENT));
    execution.setVariable(ENVIRONMENT, environment == null ? "production" : environment);

    for (String name : new String[] {TITLE, DESCRIPTION, PRODUCT, ALERT_FINGERPRINT, ALERT_URL, FIRST_RESPONDER,
        INCIDENT_KEY, INCIDENT_MANAGER, COMMUNICATIONS_MANAGER, STATUS_UPDATE, LAST_STATUS_UPDATE,
        EXTERNAL_UPDATE_DRAFT, AFFECTED_COMPONENTS, RESOLUTION_SUMMARY, FINAL_EXTERNAL_MESSAGE, SOURCE_RECOVERY,
        ROLE_CHANGES}) {
      execution.setVariable(name, ProcessVariables.text(execution, name));
    }
    execution.setVariable(Variables.DOMAIN_EXPERTS, ProcessVariables.jsonList(ProcessVariables.userIds(execution, DOMAIN_EXPERTS)));
    execution.setVariable(DECLARE_INCIDENT, false);
    execution.setVariable(READY_TO_RESOLVE, false);
    execution.setVariable(EXTERNAL_UPDATE_PUBLISHED, false);
    execution.setVariable(ON_CALL_PAGED, false);
    execution.setVariable(STATUS, Status.INVESTIGATING.value());
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
