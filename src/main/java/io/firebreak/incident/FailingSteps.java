package io.firebreak.incident;


import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Steps that call outside: when one fails, the incident's timeline says so at once (in its own transaction, not
 * repeated for the same failure), while the engine retries the job and finally shows it in Cockpit.
 */
@Component
public class FailingSteps {

  private final IncidentRepository incidents;

  FailingSteps(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  /** The step, noting its failure on the timeline of the incident in variable {@code incidentKey}. */
  public JavaDelegate noted(JavaDelegate step) {
    return execution -> {
      try {
        step.execute(execution);
      } catch (RuntimeException failure) {
        String key = IncidentVariables.incidentKey(execution);
        if (key != null) {
          incidents.noteFailingStep(key, "\"" + execution.getCurrentActivityName() + "\" failed and is retried: "
              + failure.getMessage());
        }
        throw failure;
      }
    };
  }
}
