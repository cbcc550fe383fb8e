package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Variables.CUSTOMER_FACING;
import static io.firebreak.incident.IncidentProcess.Variables.IMPACT;
import static io.firebreak.incident.IncidentProcess.Variables.SEVERITY;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What a severity calls for, as {@code communication.dmn} (latest version) decides it: a bridge, paging on-call, a
 * status page. The model's gateways ask {@code ${severityResponse.bridge(execution)}}; a raised severity asks again.
 */
@Component("severityResponse")
public class SeverityResponse implements CommunicationPolicy {

  public static final String DECISION = "communication";

  public record Plan(boolean bridge, boolean page, boolean statusPage) {
  }

  private final DecisionService decisions;

  SeverityResponse(@Lazy DecisionService decisions) {
    this.decisions = decisions;
  }

  public Plan plan(String severity, String impact, boolean customerFacing) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.createVariables().putValue(SEVERITY, severity).putValue(IMPACT, impact)
            .putValue(CUSTOMER_FACING, customerFacing))
        .evaluate().getSingleResult();
    Map<String, Object> entries = result == null ? Map.of() : result.getEntryMap();
    return new Plan(Boolean.TRUE.equals(entries.get("bridge")), Boolean.TRUE.equals(entries.get("page")),
        Boolean.TRUE.equals(entries.get("statusPage")));
  }

  @Override
  public boolean statusPageExpected(Severity severity, Impact impact, boolean customerFacing) {
    return plan(severity.name(), impact.value(), customerFacing).statusPage();
  }

  public Plan plan(VariableScope scope) {
    Object impact = scope.getVariable(IMPACT);
    return plan(IncidentVariables.string(scope, SEVERITY), impact == null ? null : impact.toString(),
        Boolean.TRUE.equals(scope.getVariable(CUSTOMER_FACING)));
  }

  public boolean bridge(VariableScope scope) {
    return plan(scope).bridge();
  }

  public boolean page(VariableScope scope) {
    return plan(scope).page();
  }
}
