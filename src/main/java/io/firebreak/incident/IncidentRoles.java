package io.firebreak.incident;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Role rules the model refers to by expression. */
@Component("incidentRoles")
public class IncidentRoles {

  /** The First Responder may take the Incident Manager role even outside the {@code incident-managers} group. */
  public List<String> firstResponderCandidates(VariableScope scope) {
    Object firstResponder = scope.getVariable(IncidentProcess.Variables.FIRST_RESPONDER);
    return firstResponder == null || firstResponder.toString().isBlank() ? List.of() : List.of(firstResponder.toString());
  }
}
