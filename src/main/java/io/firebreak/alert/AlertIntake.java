package io.firebreak.alert;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import io.firebreak.alert.AlertOutcome.Outcome;
import io.firebreak.alert.AlertTracking.Event;
import io.firebreak.alert.AlertTracking.Group;
import io.firebreak.alert.AlertTracking.Tracked;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentLimits;
import io.firebreak.incident.IncidentKeys;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentRepository.NewTimelineEntry;
import io.firebreak.incident.IncidentResponse;
import io.firebreak.incident.Stage;
import io.firebreak.config.Texts;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import io.firebreak.config.FirebreakGroups;
import java.util.function.BiPredicate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the alerts of one request: starts the incident process for a new problem, attaches a repeat to the open
 * incident (or pending evaluation) of its fingerprint, lets a new alert of a known group join its group's incident,
 * and during an alert storm gathers new alerts on one storm incident ({@link StormGuard}). A firing alert of a resolved
 * incident whose process still waits in its reopen window (the engine has its {@code IncidentReopened} subscription)
 * reopens that incident instead of opening a new one; after the window it opens a new one.
 *
 * <p>The alerts of one request are decided and committed in one transaction, under database row locks on their
 * groups and fingerprints (taken in key order, so two requests never wait on each other crosswise). So the decision
 * holds for concurrent requests and for several Firebreak nodes on one database, the answer comes only once everything
 * is committed, and a request that fails commits nothing: its retry never counts an alert twice. The one exception is
 * the bulk of a storm, a single firing repeat of an open incident's alert: one statement without a lock records it
 * (ADR 7).
 *
 * <p>A new problem's incident process starts asynchronously: the request reserves the incident's key and commits our
 * rows, the process instance and its first job; the engine triages the alert after the answer, which carries the key.
 * A key whose alert triage ignores or a First Responder dismisses stays unused, so incident numbers may skip.
 */
@Service
public class AlertIntake {

  /** What a process instance of alerts stands for right now. */
  private sealed interface Target permits OpenIncident, PendingEvaluation, Nothing {
  }

  private record OpenIncident(Incident incident) implements Target {
  }

  /**
   * A process that has not recorded an incident yet: its first job has still to triage the alert, or a First Responder
   * evaluates it. {@code key} is the incident key its alert's request reserved (null for a process started without one).
   */
  private record PendingEvaluation(String processInstanceId, String key) implements Target {
  }

  private record Nothing() implements Target {
  }

  /** How severe a source's word is, for the order in which a group's new alerts are taken: the worst opens it. */
  private static final List<List<String>> SEVERITY_WORDS = List.of(
      List.of("critical", "sev1", "p1", "page", "emergency", "fatal"),
      List.of("high", "error", "major", "sev2", "p2"),
      List.of("warning", "medium", "minor", "sev3", "p3"),
      List.of("info", "low", "sev4", "p4", "p5"));

  private final RuntimeService runtimeService;
  private final IncidentRepository incidents;
  private final AlertTracking tracking;
  private final StormGuard stormGuard;
  private final AlertProperties properties;
  private final TransactionTemplate transaction;
  private final BiPredicate<String, String> memberOf;
  private final ApplicationEventPublisher events;
  private final IncidentResponse response;
  private final IncidentKeys keys;

  AlertIntake(RuntimeService runtimeService, IdentityService identityService, IncidentRepository incidents,
              AlertTracking tracking, StormGuard stormGuard, AlertProperties properties,
              PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
              IncidentResponse response, IncidentKeys keys) {
    this.keys = keys;
    this.events = events;
    this.response = response;
    this.memberOf = (user, group) -> identityService.createUserQuery().userId(user).memberOfGroup(group).count() > 0;
    this.runtimeService = runtimeService;
    this.incidents = incidents;
    this.tracking = tracking;
    this.stormGuard = stormGuard;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Takes one alert and returns what was done; throws when it could not be recorded (the source should retry). */
  public AlertOutcome accept(Alert alert) {
    return accept(List.of(alert)).get(0);
  }

  /**
   * Takes the alerts of one request, all or nothing, and returns what was done with each, in their order; throws when
   * they could not be recorded (nothing was, the source should retry).
   */
  public List<AlertOutcome> accept(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return List.of();
    }
    OffsetDateTime now = Timestamps.now();
    List<AlertOutcome> outcomes = repeat(alerts, now)
        .orElseGet(() -> transaction.execute(status -> new Request(now).take(alerts)));
    events.publishEvent(new AlertsTaken(outcomes, alerts.stream().map(Alert::source).toList()));
    return outcomes;
  }

  /**
   * The bulk of a storm, one more firing of an open incident's alert, the quick way: one statement decides it by the
   * rows as last committed and writes it into the alert log, without a lock or a transaction around it; its counts and
   * its timeline entry follow a moment later, for many repeats at once ({@link AlertRepeats}). A repeat decided while
   * another request decides its fingerprint counts as having come just before that decision
   * ({@link AlertTracking#takeRepeat}). Empty, with nothing written, for every other request: those take the long way.
   */
  private Optional<List<AlertOutcome>> repeat(List<Alert> alerts, OffsetDateTime now) {
    if (alerts.size() != 1 || alerts.get(0).status() != AlertStatus.FIRING) {
      return Optional.empty();
    }
    Alert alert = alerts.get(0);
    return tracking.takeRepeat(alert, now).map(repeat ->
        List.of(outcome(alert, Outcome.ATTACHED, repeat.incidentKey(), repeat.processInstanceId(), null)));
  }

  /** The work of one request: its locked rows, what it decided, and the writes it has still to make. */
  private final class Request {

    private final OffsetDateTime now;
    private Map<String, Tracked> rows;
    private Map<String, Group> groups;
    private final Map<String, Target> targets = new HashMap<>();
    private final Set<Tracked> changedRows = new LinkedHashSet<>();
    private final Set<Group> changedGroups = new LinkedHashSet<>();
    private final List<Event> events = new ArrayList<>();
    private final List<NewTimelineEntry> timeline = new ArrayList<>();
    /** Counted onto incidents at the end of the request, in key order (incident rows are locked by it). */
    private final Map<String, Long> occurrences = new TreeMap<>();
    /** Process instances one of whose alerts recovered, with the source and title of the last one. */
    private final Map<String, Alert> recovering = new LinkedHashMap<>();
    private final Map<String, Optional<StormGuard.Policy>> policies = new HashMap<>();
    private final Map<String, Long> openedInWindow = new HashMap<>();
    private boolean stormLocked;

    Request(OffsetDateTime now) {
      this.now = now;
    }

    List<AlertOutcome> take(List<Alert> alerts) {
      lockRows(alerts);
      Map<Alert, AlertOutcome> outcomes = new IdentityHashMap<>();
      for (Alert alert : inDecisionOrder(alerts)) {
        Tracked row = rows.get(alert.fingerprint());
        Group group = alert.group() == null ? null : groups.get(alert.group());
        if (group != null) {
          group.lastSeenAt = now;
          changedGroups.add(group);
        }
        AlertOutcome outcome = switch (alert.status()) {
          case FIRING -> firing(alert, row, group);
          case RESOLVED -> resolved(alert, row);
          case ACKNOWLEDGED -> acknowledged(alert, row);
        };
        if (outcome.outcome() != Outcome.STARTED) {
          events.add(new Event(alert, onItsIncident(outcome), now));
        }
        outcomes.put(alert, outcome);
      }
      flush();
      occurrences.forEach((key, count) -> incidents.recordAlertOccurrences(key, count, now));
      recovered();
      return alerts.stream().map(outcomes::get).toList();
    }

    /** Creates the rows that are missing, then locks groups and fingerprints, each in key order. */
    private void lockRows(List<Alert> alerts) {
      Map<String, String> sources = new HashMap<>();
      Set<String> fingerprints = new TreeSet<>();
      Set<String> groupKeys = new TreeSet<>();
      for (Alert alert : alerts) {
        fingerprints.add(alert.fingerprint());
        sources.put(alert.fingerprint(), alert.source());
        if (alert.group() != null) {
          groupKeys.add(alert.group());
          sources.put(alert.group(), alert.source());
        }
      }
      tracking.lockTimeout(properties.getLockTimeout());
      tracking.ensureGroups(List.copyOf(groupKeys), sources, now);
      tracking.ensureTracked(List.copyOf(fingerprints), sources, now);
      groups = tracking.lockGroups(List.copyOf(groupKeys));
      rows = tracking.lock(List.copyOf(fingerprints));
    }

    private AlertOutcome firing(Alert alert, Tracked row, Group group) {
      Target target = target(row.processInstanceId);
      if (target instanceof OpenIncident open) {
        String key = open.incident().key();
        seen(row, alert, AlertStatus.FIRING);
        count(key);
        timeline.add(repeated(key, row.occurrences, alert));
        return outcome(alert, Outcome.ATTACHED, key, row.processInstanceId, null);
      }
      if (target instanceof PendingEvaluation pending) {
        seen(row, alert, AlertStatus.FIRING);
        return outcome(alert, Outcome.ATTACHED, pending.key(), pending.processInstanceId(), null);
      }
      if (suppressed(row.suppressedUntil)) {
        seen(row, alert, AlertStatus.FIRING);
        return outcome(alert, Outcome.SUPPRESSED, null, row.processInstanceId, null);
      }
      Optional<Incident> resolved = inReopenWindow(row.processInstanceId);
      if (resolved.isPresent()) {
        return reopen(alert, row, resolved.get(), false);
      }
      if (group != null) {
        if (suppressed(group.suppressedUntil)) {
          seen(row, alert, AlertStatus.FIRING);
          return outcome(alert, Outcome.SUPPRESSED, null, group.processInstanceId, "its group was dismissed or ignored");
        }
        Target groupTarget = target(group.processInstanceId);
        if (!(groupTarget instanceof Nothing)) {
          return join(alert, row, group.processInstanceId, groupTarget, Outcome.GROUPED, "joined its group's incident",
              "Alert of the same group joined: ");
        }
        // A new alert of a group whose incident was resolved within the window: the same problem is back.
        Optional<Incident> groupResolved = inReopenWindow(group.processInstanceId);
        if (groupResolved.isPresent()) {
          return reopen(alert, row, groupResolved.get(), true);
        }
      }
      Optional<StormGuard.Policy> policy = policies.computeIfAbsent(alert.source(), stormGuard::policy);
      if (policy.isPresent()) {
        long opened = openedInWindow.computeIfAbsent(alert.source(), source -> stormGuard.openedWithin(policy.get(), now));
        if (opened >= policy.get().threshold()) {
          return storm(alert, row, group, policy.get(), opened);
        }
      }
      AlertOutcome started = start(alert, row, group, false);
      openedInWindow.computeIfPresent(alert.source(), (source, opened) -> opened + 1);
      return started;
    }

    /** Storm: the alert joins the newest open storm incident, or opens it. One storm decision at a time. */
    private AlertOutcome storm(Alert alert, Tracked row, Group group, StormGuard.Policy policy, long opened) {
      if (!stormLocked) {
        tracking.lockStormDecision();
        stormLocked = true;
      }
      String reason = "alert storm: " + opened + " incidents opened by alerts within " + policy.window();
      for (Group stormGroup : tracking.stormsSince(now.minus(policy.window()), 5)) {
        String processInstanceId = stormGroup.processInstanceId;
        Target storm = target(processInstanceId);
        if (!(storm instanceof Nothing)) {
          stormGroup.lastSeenAt = now;
          changedGroups.add(stormGroup);
          if (group != null) {
            group.processInstanceId = processInstanceId;
            changedGroups.add(group);
          }
          return join(alert, row, processInstanceId, storm, Outcome.STORM, reason,
              "Alert storm (" + opened + " incidents opened by alerts within " + policy.window() + "), alert attached: ");
        }
      }
      return start(alert, row, group, true).withReason(reason + "; this alert opened the storm incident");
    }

    /** A new alert of a group or a storm: its fingerprint now belongs to that incident (or pending evaluation). */
    private AlertOutcome join(Alert alert, Tracked row, String processInstanceId, Target target, Outcome outcome,
                              String reason, String entry) {
      row.groupKey = alert.group();
      seen(row, alert, AlertStatus.FIRING);
      AlertTracking.belongTo(row, processInstanceId, now);
      if (target instanceof OpenIncident open) {
        String key = open.incident().key();
        count(key);
        timeline.add(new NewTimelineEntry(key, TimelineEntryType.ALERT_RECEIVED, null, entry + alert.title(),
            alert.payload()));
        return outcome(alert, outcome, key, processInstanceId, reason);
      }
      return outcome(alert, outcome, ((PendingEvaluation) target).key(), processInstanceId, reason);
    }

    /**
     * The resolved incident of this process instance, when its process waits in the reopen window (the engine has the
     * {@code IncidentReopened} message subscription): a firing alert reopens it. Empty after the window.
     */
    private Optional<Incident> inReopenWindow(String processInstanceId) {
      if (processInstanceId == null) {
        return Optional.empty();
      }
      return incidents.findByProcessInstance(processInstanceId)
          .filter(incident -> incident.stage() == Stage.RESOLVED)
          .filter(incident -> runtimeService.createEventSubscriptionQuery().processInstanceId(processInstanceId)
              .eventType("message").eventName(IncidentProcess.Messages.INCIDENT_REOPENED).count() > 0);
    }

    /**
     * A firing alert within the reopen window: the resolved incident goes back into the Fix, in this request's
     * transaction (record, timeline, and the message to its process, which offers "Lead the fix" again and tells the
     * channel in a step of its own). A new alert of the incident's group joins it, tracked by its own fingerprint.
     */
    private AlertOutcome reopen(Alert alert, Tracked row, Incident incident, boolean joinsGroup) {
      String key = incident.key();
      String processInstanceId = incident.processInstanceId();
      if (joinsGroup) {
        row.groupKey = alert.group();
        AlertTracking.belongTo(row, processInstanceId, now);
      }
      seen(row, alert, AlertStatus.FIRING);
      String reopenedBy = Texts.fit(alert.source() + " alert \"" + alert.title() + "\"", IncidentLimits.VARIABLE);
      count(key);
      if (!response.reopen(key, reopenedBy, alert.payload())) {
        // another request reopened it a moment ago (it waited on the incident's row): a repeat on the open incident
        targets.remove(processInstanceId);
        timeline.add(repeated(key, row.occurrences, alert));
        return outcome(alert, Outcome.ATTACHED, key, processInstanceId, "its incident was reopened a moment ago");
      }
      runtimeService.createMessageCorrelation(IncidentProcess.Messages.INCIDENT_REOPENED)
          .processInstanceId(processInstanceId)
          .setVariable(REOPENED_BY, reopenedBy)
          .setVariable(READY_TO_RESOLVE, false)
          .correlateWithResult();
      targets.put(processInstanceId, new OpenIncident(incidents.get(key)));
      return outcome(alert, Outcome.REOPENED, key, processInstanceId,
          "fired within the reopen window after the resolution of " + key);
    }

    /**
     * A new problem: the incident process starts for it (and for its group) under the incident key reserved for it,
     * asynchronously. This request records the alert and starts the process instance with one job; the engine triages
     * the alert and records the incident after the answer (the key stays unused when triage ignores the alert or a
     * First Responder dismisses it). Until then the process is a pending evaluation: further alerts of its fingerprint
     * or group attach to it and reach the incident's timeline once it is recorded.
     */
    private AlertOutcome start(Alert alert, Tracked row, Group group, boolean storm) {
      row.groupKey = alert.group();
      seen(row, alert, AlertStatus.FIRING);
      String key = keys.next();
      String processInstanceId = startProcess(key).getId();
      // The process's first step reads the alert from this event: the process starts with its key alone.
      events.add(new Event(alert, outcome(alert, Outcome.STARTED, null, processInstanceId, null), now, storm));
      AlertTracking.belongTo(row, processInstanceId, now);
      changedRows.add(row);
      if (storm) {
        tracking.insertStormGroup("#storm:" + processInstanceId, alert.source(), processInstanceId, now);
      }
      targets.put(processInstanceId, new PendingEvaluation(processInstanceId, key));
      if (group != null) {
        group.processInstanceId = processInstanceId;
        group.openedAt = now;
        changedGroups.add(group);
      }
      return outcome(alert, Outcome.STARTED, key, processInstanceId, null);
    }

    private AlertOutcome resolved(Alert alert, Tracked row) {
      Target target = target(row.processInstanceId);
      String key = target instanceof OpenIncident open ? open.incident().key() : null;
      if (AlertStatus.RESOLVED.name().equals(row.lastStatus)) {
        return outcome(alert, Outcome.DUPLICATE, key, row.processInstanceId, null);
      }
      if (target instanceof Nothing) {
        return outcome(alert, Outcome.IGNORED, null, null, null);
      }
      seen(row, alert, AlertStatus.RESOLVED);
      if (key != null) {
        timeline.add(new NewTimelineEntry(key, TimelineEntryType.ALERT_RECOVERED, null,
            alert.source() + " reports recovery of: " + alert.title(), alert.payload()));
      }
      recovering.put(row.processInstanceId, alert);
      return outcome(alert, Outcome.RECOVERED, key, row.processInstanceId, null);
    }

    /** Once every alert of an incident (or pending evaluation) has recovered, its people are told. */
    private void recovered() {
      recovering.forEach((processInstanceId, last) -> {
        if (tracking.stillFiring(processInstanceId) > 0) {
          return;
        }
        long alerts = tracking.alertsOf(processInstanceId);
        String note = last.source() + " reports recovery at " + now + ": "
            + (alerts == 1 ? last.title() : "all " + alerts + " alerts of this incident, the last: " + last.title());
        if (runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
          return; // its process was ended in Cockpit: the record says nothing more can be told
        }
        runtimeService.setVariable(processInstanceId, SOURCE_RECOVERY, Texts.fit(note, IncidentLimits.VARIABLE));
        if (target(processInstanceId) instanceof OpenIncident open) {
          String key = open.incident().key();
          incidents.recordSourceRecovery(key, now);
          incidents.appendTimeline(key, TimelineEntryType.ALERT_RECOVERED, null,
              Texts.fit(note, IncidentLimits.TIMELINE_MESSAGE - 80)
                  + ". The incident stays open until its Incident Manager resolves it.");
          runtimeService.createMessageCorrelation(IncidentProcess.Messages.ALERT_RECOVERED)
              .processInstanceId(processInstanceId)
              .correlateAllWithResult();
        }
      });
    }

    private AlertOutcome acknowledged(Alert alert, Tracked row) {
      if (!(target(row.processInstanceId) instanceof OpenIncident open)) {
        return outcome(alert, Outcome.IGNORED, null, null, null);
      }
      String key = open.incident().key();
      if (row.acknowledgedAt != null) {
        return outcome(alert, Outcome.DUPLICATE, key, row.processInstanceId, null);
      }
      row.acknowledgedAt = now;
      changedRows.add(row);
      timeline.add(new NewTimelineEntry(key, TimelineEntryType.ALERT_ACKNOWLEDGED, null,
          "Alert acknowledged in " + alert.source(), alert.payload()));
      return outcome(alert, Outcome.ACKNOWLEDGED, key, row.processInstanceId, null);
    }

    /**
     * The outcome as the alert log keeps it: an alert of a pending evaluation is on no incident yet (the answer carries
     * the reserved key), so "Record the incident" finds it and puts it onto the timeline.
     */
    private AlertOutcome onItsIncident(AlertOutcome outcome) {
      return outcome.processInstanceId() != null && targets.get(outcome.processInstanceId()) instanceof PendingEvaluation
          ? outcome.withKey(null) : outcome;
    }

    /** An incident counts as open until it is resolved: a firing alert after that is a new incident. */
    private Target target(String processInstanceId) {
      if (processInstanceId == null) {
        return new Nothing();
      }
      return targets.computeIfAbsent(processInstanceId, id -> {
        Optional<Incident> incident = incidents.findByProcessInstance(id);
        if (incident.isPresent()) {
          Stage stage = incident.get().stage();
          return stage == Stage.OPEN || stage == Stage.FIX ? new OpenIncident(incident.get()) : new Nothing();
        }
        ProcessInstance running = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
        return running != null ? new PendingEvaluation(id, running.getBusinessKey()) : new Nothing();
      });
    }

    private boolean suppressed(OffsetDateTime until) {
      return until != null && until.isAfter(now);
    }

    private void seen(Tracked row, Alert alert, AlertStatus status) {
      if (status == AlertStatus.FIRING) {
        row.occurrences++;
        row.title = alert.title();
        row.severityHint = alert.severityHint();
      }
      row.lastSeenAt = now;
      row.lastStatus = status.name();
      changedRows.add(row);
    }

    private void count(String key) {
      occurrences.merge(key, 1L, Long::sum);
    }

    /**
     * Writes what was decided, once at the end of the request: a process it starts reads our tables only in its first
     * job, after the commit. Incident rows are not touched here but after it, in key order.
     */
    private void flush() {
      tracking.write(changedRows);
      changedRows.clear();
      tracking.writeGroups(changedGroups);
      changedGroups.clear();
      tracking.insertEvents(events);
      events.clear();
      incidents.appendTimeline(timeline);
      timeline.clear();
    }
  }

  /**
   * A repeat on the timeline: its count and title. The payload as sent is kept once, in the alert log (alert_event);
   * the incident's first alert keeps it on the timeline too.
   */
  private static NewTimelineEntry repeated(String key, long occurrences, Alert alert) {
    return new NewTimelineEntry(key, TimelineEntryType.ALERT_REPEATED, null,
        "Alert fired again (" + occurrences + " times): " + alert.title(), null);
  }

  /**
   * Starts the incident process for an alert under its reserved key, asynchronously (the model's alert start event is
   * {@code asyncBefore}): the instance and its first job, no variables. The alert's details wait in its alert event.
   */
  private ProcessInstance startProcess(String key) {
    return runtimeService.createMessageCorrelation(IncidentProcess.Messages.ALERT_RECEIVED)
        .processInstanceBusinessKey(key)
        .correlateStartMessage();
  }

  /**
   * The Incident Manager splits an alert off the incident it was attached to (by its group or the storm guard): the
   * alert opens an incident of its own, and its further alerts go there. Allowed to the incident's Incident Manager
   * and to members of the incident-managers group, while the incident is open.
   */
  public AlertOutcome splitOff(String incidentKey, String fingerprint, String user) {
    return transaction.execute(status -> {
      Incident incident = incidents.get(incidentKey);
      if (!user.equals(incident.roles().incidentManager()) && !memberOf.test(user, FirebreakGroups.INCIDENT_MANAGERS)) {
        throw new AlertSplitRefused(HttpStatus.FORBIDDEN, "only the Incident Manager of " + incidentKey
            + " or a member of " + FirebreakGroups.INCIDENT_MANAGERS + " can split an alert off it");
      }
      if (incident.stage() != Stage.OPEN && incident.stage() != Stage.FIX) {
        throw new AlertSplitRefused(HttpStatus.CONFLICT, incidentKey + " is " + incident.stage().name().toLowerCase(
            Locale.ROOT) + ": alerts are split off open incidents only");
      }
      Tracked row = tracking.lock(fingerprint, properties.getLockTimeout())
          .filter(tracked -> incident.processInstanceId().equals(tracked.processInstanceId))
          .orElseThrow(() -> new AlertSplitRefused(HttpStatus.NOT_FOUND, incidentKey + " has no alert " + fingerprint));
      if (fingerprint.equals(incident.alertFingerprint())) {
        throw new AlertSplitRefused(HttpStatus.CONFLICT, fingerprint + " opened " + incidentKey
            + "; only alerts attached to it later can be split off");
      }
      OffsetDateTime now = Timestamps.now();
      Alert alert = Alert.firing(row.source, row.fingerprint, row.title, null, row.severityHint, null, null, null, null);
      // It leaves its group: were the split alert ignored by triage, its suppression must not reach the group.
      row.groupKey = null;
      String newKey = keys.next();
      ProcessInstance instance = runtimeService.createMessageCorrelation(IncidentProcess.Messages.ALERT_RECEIVED)
          .processInstanceBusinessKey(newKey)
          .setVariable(SPLIT_OFF, incidentKey)
          .setVariable(SPLIT_OFF_BY, user)
          .correlateStartMessage();
      AlertTracking.belongTo(row, instance.getId(), now);
      tracking.write(List.of(row));
      // As for a new alert, the process's first step reads the alert from its event; its timeline tells of the split.
      tracking.insertEvents(List.of(new Event(alert, outcome(alert, Outcome.STARTED, null, instance.getId(), null), now)));
      incidents.appendTimeline(incidentKey, TimelineEntryType.ALERT_SPLIT, user, "Alert split off into " + newKey
          + ": " + row.title);
      return new AlertOutcome(fingerprint, AlertStatus.FIRING, Outcome.STARTED, newKey, instance.getId(),
          "split off " + incidentKey);
    });
  }

  /** The alerts tracked on an incident, first seen first. */
  public List<AttachedAlert> alertsOf(String incidentKey) {
    return tracking.alertsOfProcess(incidents.get(incidentKey).processInstanceId());
  }

  /** Firing alerts worst first (the first alert of a group decides its triage), the others after them. */
  private static List<Alert> inDecisionOrder(List<Alert> alerts) {
    return alerts.stream()
        .sorted(Comparator.comparingInt((Alert alert) -> alert.status() == AlertStatus.FIRING ? 0 : 1)
            .thenComparingInt(alert -> rank(alert.severityHint()))
            .thenComparing(Alert::fingerprint))
        .toList();
  }

  private static int rank(String severityHint) {
    if (severityHint != null) {
      String word = severityHint.toLowerCase(Locale.ROOT);
      for (int i = 0; i < SEVERITY_WORDS.size(); i++) {
        if (SEVERITY_WORDS.get(i).contains(word)) {
          return i;
        }
      }
    }
    return SEVERITY_WORDS.size();
  }

  private static AlertOutcome outcome(Alert alert, Outcome outcome, String key, String processInstanceId,
                                      String reason) {
    return new AlertOutcome(alert.fingerprint(), alert.status(), outcome, key, processInstanceId, reason);
  }
}
