package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** A person declares an incident: the same path as the start form "Declare incident" in Tasklist. */
@Service
public class IncidentDeclarations {

  /** What a person says when declaring an incident. */
  public record Declaration(String title, Severity severity, Impact impact, boolean customerFacing, String product,
                            String environment, String description) {
  }

  private final RuntimeService runtimeService;
  private final IncidentRepository incidents;

  IncidentDeclarations(RuntimeService runtimeService, IncidentRepository incidents) {
    this.runtimeService = runtimeService;
    this.incidents = incidents;
  }

  /**
   * Starts the incident process as {@code firstResponder} and returns the recorded incident. Runs with the caller's
   * engine authentication, so the engine's authorizations decide who may declare.
   */
  public Incident declare(Declaration declaration, String firstResponder) {
    VariableMap variables = Variables.createVariables()
        .putValue(SOURCE, IncidentProcess.SOURCE_MANUAL)
        .putValue(TITLE, declaration.title())
        .putValue(SEVERITY, declaration.severity().name())
        .putValue(IMPACT, declaration.impact() == null ? null : declaration.impact().value())
        .putValue(CUSTOMER_FACING, declaration.customerFacing())
        .putValue(PRODUCT, declaration.product())
        .putValue(ENVIRONMENT, declaration.environment())
        .putValue(DESCRIPTION, declaration.description())
        .putValue(FIRST_RESPONDER, firstResponder);
    VariableMap result = runtimeService.createProcessInstanceByKey(IncidentProcess.KEY)
        .setVariables(variables)
        .executeWithVariablesInReturn()
        .getVariables();
    return incidents.get((String) result.get(INCIDENT_KEY));
  }
}
