package io.firebreak.alert;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import io.firebreak.incident.IncidentProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** Starts the incident process for an alert with message {@code AlertReceived}; triage decides what follows. */
@Service
public class AlertIntake {

  private final RuntimeService runtimeService;

  AlertIntake(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** @return the incident process instance the alert started (it may have ended already: triage ignored it) */
  public ProcessInstance receive(Alert alert) {
    return runtimeService.createMessageCorrelation(IncidentProcess.Messages.ALERT_RECEIVED)
        .setVariables(Variables.createVariables()
            .putValue(SOURCE, alert.source())
            .putValue(ALERT_FINGERPRINT, alert.fingerprint())
            .putValue(TITLE, alert.title())
            .putValue(DESCRIPTION, alert.description())
            .putValue(SEVERITY_HINT, alert.severityHint())
            .putValue(ENVIRONMENT, alert.environment())
            .putValue(PRODUCT, alert.product())
            .putValue(ALERT_URL, alert.url()))
        .correlateStartMessage();
  }
}
