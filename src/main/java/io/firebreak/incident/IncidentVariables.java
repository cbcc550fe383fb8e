package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import io.firebreak.incident.IncidentProcess.Variables;
import java.time.Duration;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The incident process's variables in one place: typed readers for the listeners and delegates (no casts there), and
 * the start listener, which runs whichever way the process started and gives every variable the models and forms
 * read a value, so a gateway never fails on a variable that one start path did not set.
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

  /** The incident's key ({@code INC-7}), the business key of the process. */
  public static String incidentKey(VariableScope scope) {
    return string(scope, INCIDENT_KEY);
  }

  /** How often the Incident Manager owes a status update ({@code communication.dmn}); null until decided. */
  public static Duration statusUpdateInterval(VariableScope scope) {
    String interval = string(scope, STATUS_UPDATE_INTERVAL);
    return interval == null ? null : Duration.parse(interval);
  }

  /** Approved external updates not on the status page yet; none when unset. */
  public static int statusPageUpdatesPending(VariableScope scope) {
    return scope.getVariable(STATUS_PAGE_UPDATES_PENDING) instanceof Number number ? number.intValue() : 0;
  }

  /** A flag the process sets itself ({@link Variables#SEVERITY_RAISED}, {@link Variables#ON_CALL_PAGED}, ...): unset is false. */
  public static boolean isSet(VariableScope scope, String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }

  /** A text variable as it was stored (untrimmed, unlike a form's {@link ProcessVariables#text}); null when unset. */
  /** When the alert says its problem began; null when it did not say (or the incident was declared by a person). */
  public static java.time.OffsetDateTime alertStartedAt(VariableScope scope) {
    return scope.getVariable(ALERT_STARTED_AT) instanceof java.util.Date date
        ? date.toInstant().atOffset(java.time.ZoneOffset.UTC) : null;
  }

  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
