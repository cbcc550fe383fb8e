package io.firebreak.alert;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import io.firebreak.alert.AlertOutcome.Outcome;
import io.firebreak.alert.AlertTracking.Tracked;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Stage;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one alert: starts the incident process for a new problem, or attaches the alert to the open incident or
 * pending evaluation of its fingerprint. The decision is made under a database row lock on the fingerprint, so it
 * holds for concurrent requests and for several Firebreak nodes on one database. An alert is committed before its
 * request is answered.
 */
@Service
public class AlertIntake {

  /** What the fingerprint has open right now. */
  private sealed interface Target permits OpenIncident, PendingEvaluation, Nothing {
  }

  private record OpenIncident(Incident incident) implements Target {
  }

  private record PendingEvaluation(String processInstanceId) implements Target {
  }

  private record Nothing() implements Target {
  }

  private final RuntimeService runtimeService;
  private final IncidentRepository incidents;
  private final AlertTracking tracking;
  private final AlertTimeline alertTimeline;
  private final AlertProperties properties;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separateTransaction;

  AlertIntake(RuntimeService runtimeService, IncidentRepository incidents, AlertTracking tracking,
              AlertTimeline alertTimeline, AlertProperties properties, PlatformTransactionManager transactionManager) {
    this.runtimeService = runtimeService;
    this.incidents = incidents;
    this.tracking = tracking;
    this.alertTimeline = alertTimeline;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactionManager);
    this.separateTransaction = new TransactionTemplate(transactionManager);
    this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Takes the alert and returns what was done; throws when it could not be recorded (the source should retry). */
  public AlertOutcome accept(Alert alert) {
    OffsetDateTime now = Timestamps.now();
    separateTransaction.executeWithoutResult(status -> tracking.ensureTracked(alert.fingerprint(), alert.source(), now));
    return transaction.execute(status -> decide(alert, now));
  }

  private AlertOutcome decide(Alert alert, OffsetDateTime now) {
    Tracked row = tracking.lock(alert.fingerprint(), properties.getLockTimeout());
    Target target = target(row);
    AlertOutcome outcome = switch (alert.status()) {
      case FIRING -> firing(alert, row, target, now);
      case RESOLVED -> resolved(alert, row, target, now);
      case ACKNOWLEDGED -> acknowledged(alert, row, target, now);
    };
    if (outcome.outcome() != Outcome.STARTED) {
      tracking.recordEvent(alert, outcome, now);
    }
    return outcome;
  }

  private AlertOutcome firing(Alert alert, Tracked row, Target target, OffsetDateTime now) {
    if (target instanceof OpenIncident open) {
      String key = open.incident().key();
      tracking.seenAgain(alert.fingerprint(), AlertStatus.FIRING, now);
      incidents.recordAlertOccurrences(key, 1, now);
      incidents.appendTimeline(key, TimelineEntryType.ALERT_REPEATED, null,
          "Alert fired again (" + (row.occurrences() + 1) + " times): " + alert.title(), alert.payload());
      return outcome(alert, Outcome.ATTACHED, key, row.processInstanceId());
    }
    if (target instanceof PendingEvaluation pending) {
      tracking.seenAgain(alert.fingerprint(), AlertStatus.FIRING, now);
      return outcome(alert, Outcome.ATTACHED, null, pending.processInstanceId());
    }
    if (row.suppressedUntil() != null && row.suppressedUntil().isAfter(now)) {
      tracking.seenAgain(alert.fingerprint(), AlertStatus.FIRING, now);
      return outcome(alert, Outcome.SUPPRESSED, null, row.processInstanceId());
    }
    // A new problem: the event is written first, so the process's "Record the incident" finds it for the timeline.
    tracking.recordEvent(alert, outcome(alert, Outcome.STARTED, null, null), now);
    ProcessInstance instance = start(alert);
    tracking.started(alert.fingerprint(), instance.getId(), now);
    alertTimeline.claimUnlinkedEvents(alert.fingerprint(), instance.getId());
    String key = incidents.findByProcessInstance(instance.getId()).map(Incident::key).orElse(null);
    return outcome(alert, Outcome.STARTED, key, instance.getId());
  }

  private AlertOutcome resolved(Alert alert, Tracked row, Target target, OffsetDateTime now) {
    if (AlertStatus.RESOLVED.name().equals(row.lastStatus())) {
      return outcome(alert, Outcome.DUPLICATE, keyOf(target), row.processInstanceId());
    }
    if (target instanceof Nothing) {
      return outcome(alert, Outcome.IGNORED, null, null);
    }
    tracking.seenAgain(alert.fingerprint(), AlertStatus.RESOLVED, now);
    String note = alert.source() + " reports recovery at " + now + ": " + alert.title();
    runtimeService.setVariable(row.processInstanceId(), SOURCE_RECOVERY, note);
    if (target instanceof OpenIncident open) {
      String key = open.incident().key();
      incidents.recordSourceRecovery(key, now);
      incidents.appendTimeline(key, TimelineEntryType.ALERT_RECOVERED, null,
          note + ". The incident stays open until its Incident Manager resolves it.", alert.payload());
      runtimeService.createMessageCorrelation(IncidentProcess.Messages.ALERT_RECOVERED)
          .processInstanceId(row.processInstanceId())
          .correlateAllWithResult();
      return outcome(alert, Outcome.RECOVERED, key, row.processInstanceId());
    }
    return outcome(alert, Outcome.RECOVERED, null, row.processInstanceId());
  }

  private AlertOutcome acknowledged(Alert alert, Tracked row, Target target, OffsetDateTime now) {
    if (!(target instanceof OpenIncident open)) {
      return outcome(alert, Outcome.IGNORED, null, null);
    }
    if (row.acknowledgedAt() != null) {
      return outcome(alert, Outcome.DUPLICATE, open.incident().key(), row.processInstanceId());
    }
    tracking.acknowledged(alert.fingerprint(), now);
    incidents.appendTimeline(open.incident().key(), TimelineEntryType.ALERT_ACKNOWLEDGED, null,
        "Alert acknowledged in " + alert.source(), alert.payload());
    return outcome(alert, Outcome.ACKNOWLEDGED, open.incident().key(), row.processInstanceId());
  }

  /** An incident counts as open until it is resolved: a firing alert after that is a new incident. */
  private Target target(Tracked row) {
    if (row.processInstanceId() == null) {
      return new Nothing();
    }
    Optional<Incident> incident = incidents.findByProcessInstance(row.processInstanceId());
    if (incident.isPresent()) {
      Stage stage = incident.get().stage();
      return stage == Stage.OPEN || stage == Stage.FIX ? new OpenIncident(incident.get()) : new Nothing();
    }
    boolean running = runtimeService.createProcessInstanceQuery().processInstanceId(row.processInstanceId()).count() > 0;
    return running ? new PendingEvaluation(row.processInstanceId()) : new Nothing();
  }

  private ProcessInstance start(Alert alert) {
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

  private static String keyOf(Target target) {
    return target instanceof OpenIncident open ? open.incident().key() : null;
  }

  private static AlertOutcome outcome(Alert alert, Outcome outcome, String key, String processInstanceId) {
    return new AlertOutcome(alert.fingerprint(), alert.status(), outcome, key, processInstanceId);
  }
}
