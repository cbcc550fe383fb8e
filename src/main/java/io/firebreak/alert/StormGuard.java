package io.firebreak.alert;

import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The storm guard: when alerts opened {@code threshold} incidents (or evaluations) within the {@code window}, further
 * new alerts gather on one storm incident instead of opening their own. Threshold and window come from the decision
 * table {@code processes/alert-storm.dmn} (per source), so a process owner changes them in Camunda Modeler;
 * {@code firebreak.alerts.storm-guard.enabled=false} switches the guard off.
 */
@Component
class StormGuard {

  static final String DECISION = "alert-storm";

  private static final Logger log = LoggerFactory.getLogger(StormGuard.class);

  /** What the decision table says for one source. */
  record Policy(long threshold, Duration window) {
  }

  private final DecisionService decisions;
  private final TaskService tasks;
  private final ManagementService jobs;
  private final IncidentRepository incidents;
  private final AlertProperties properties;

  StormGuard(DecisionService decisions, TaskService tasks, ManagementService jobs, IncidentRepository incidents,
             AlertProperties properties) {
    this.jobs = jobs;
    this.decisions = decisions;
    this.tasks = tasks;
    this.incidents = incidents;
    this.properties = properties;
  }

  /** The policy for alerts of {@code source}; empty when the guard is off or the decision gives none. */
  Optional<Policy> policy(String source) {
    if (!properties.getStormGuard().isEnabled()) {
      return Optional.empty();
    }
    try {
      DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
          .variables(Variables.createVariables().putValue("source", source))
          .evaluate()
          .getFirstResult();
      if (result == null || result.get("threshold") == null || result.get("window") == null) {
        return Optional.empty();
      }
      return Optional.of(new Policy(((Number) result.get("threshold")).longValue(),
          Duration.parse((String) result.get("window"))));
    } catch (RuntimeException e) {
      // A broken or missing decision must not cost an alert: without a policy, every alert is taken as usual.
      log.warn("the storm guard's decision {} could not be evaluated for source {}; storm guard off: {}", DECISION,
          source, e.toString());
      return Optional.empty();
    }
  }

  /**
   * How many incidents and evaluations alerts opened within the window up to {@code now}, counting the alerts whose
   * process has not triaged them yet (its first job, asynchronous, still waits): in a storm they come faster than the
   * job executor takes them, and each may still become an incident.
   */
  long openedWithin(Policy policy, OffsetDateTime now) {
    OffsetDateTime since = now.minus(policy.window());
    Date after = Date.from(since.toInstant());
    Date before = Date.from(now.toInstant().plusMillis(1));
    long evaluations = tasks.createTaskQuery()
        .processDefinitionKey(IncidentProcess.KEY)
        .taskDefinitionKey(IncidentProcess.Elements.EVALUATE_EVENT)
        .taskCreatedAfter(after)
        .taskCreatedBefore(before)
        .count();
    long untriaged = jobs.createJobQuery()
        .processDefinitionKey(IncidentProcess.KEY)
        .activityId(IncidentProcess.Elements.START_ALERT_RECEIVED)
        .createdAfter(after)
        .createdBefore(before)
        .count();
    return incidents.countOpenedByAlerts(since, now) + evaluations + untriaged;
  }
}
