package io.firebreak.incident;

import java.util.HashSet;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The rules of responding to an incident, from taking charge to the resolution, each in one place: the incident
 * process's task listeners map form fields in and variables out and call these, as the API and chat do. What a rule
 * refuses is a {@link RejectedInput} naming the form field.
 */
@Service
public class IncidentResponse {

  private final IncidentRepository incidents;
  private final IncidentTeam team;
  private final CommunicationPolicy communication;
  private final ApplicationEventPublisher events;

  IncidentResponse(IncidentRepository incidents, IncidentTeam team, CommunicationPolicy communication,
                   ApplicationEventPublisher events) {
    this.incidents = incidents;
    this.team = team;
    this.communication = communication;
    this.events = events;
  }

  /**
   * "Take the Incident Manager role": {@code manager} drives the incident from now on, and is its First Responder
   * too when nobody reacted before. The first Incident Manager acknowledges the incident.
   *
   * @return the incident with its new role holders
   */
  public Incident takeCharge(String key, String manager) {
    if (incidents.get(key).roles().firstResponder() == null) {
      team.assign(key, Role.FIRST_RESPONDER, List.of(manager), manager);
    }
    team.assign(key, Role.INCIDENT_MANAGER, List.of(manager), manager);
    if (incidents.acknowledge(key, Timestamps.now())) {
      Incident incident = incidents.get(key);
      events.publishEvent(new IncidentAcknowledged(key, incident.severity(), incident.detectedAt(),
          incident.acknowledgedAt()));
    }
    return incidents.get(key);
  }

  /** "Appoint roles": a Communications Manager and at least one Domain Expert, each a person Firebreak knows. */
  public void appointRoles(String key, String actor, String communicationsManager, List<String> domainExperts) {
    if (communicationsManager == null || communicationsManager.isBlank()) {
      throw new RejectedInput("Communications Manager is required (form field 'communicationsManager')");
    }
    if (domainExperts.isEmpty()) {
      throw new RejectedInput("at least one Domain Expert is required (form field 'domainExperts')");
    }
    team.assign(key, Role.COMMUNICATIONS_MANAGER, List.of(communicationsManager.trim()), actor);
    team.assign(key, Role.DOMAIN_EXPERT, domainExperts, actor);
  }

  /**
   * A new severity or customer impact (null keeps what the incident has), wherever it is changed: recorded, with a
   * {@code SEVERITY_CHANGED} entry on the timeline when anything changed.
   *
   * @return the incident as it was before the change
   */
  public Incident changeSeverity(String key, Severity severity, Impact impact, String actor) {
    Incident incident = incidents.get(key);
    Severity newSeverity = severity == null ? incident.severity() : severity;
    Impact newImpact = impact == null ? incident.impact() : impact;
    if (newSeverity != incident.severity() || newImpact != incident.impact()) {
      incidents.changeSeverity(key, newSeverity, newImpact);
      incidents.appendTimeline(key, TimelineEntryType.SEVERITY_CHANGED, actor,
          "Severity " + incident.severity() + " → " + newSeverity + ", customer impact "
              + incident.impact().value() + " → " + newImpact.value());
    }
    return incident;
  }

  /**
   * One round of "Lead the fix" as the Incident Manager submits it. Null fields change nothing (an empty list of
   * Domain Experts neither).
   */
  public record FixRound(String key, String actor, Status status, String statusUpdate, Severity severity,
                         Impact impact, String incidentManager, String communicationsManager,
                         List<String> domainExperts, String externalUpdateDraft) {
  }

  /**
   * What a round recorded: the severity, impact and status the incident has now; whether the severity went up;
   * the "Investigating" update drafted for the Communications Manager because of it (or null); the role changes as
   * people read them (or null) and whether the Domain Experts changed.
   */
  public record FixRoundRecorded(Severity severity, Impact impact, Status status, String statusUpdate,
                                 boolean severityRaised, String draftedExternalUpdate, String roleChanges,
                                 boolean domainExpertsChanged) {
  }

  /**
   * "Lead the fix", one round: a status other than resolved (resolving is "Ready to resolve") with an update, and
   * any change of severity, impact and roles. A raise where {@code communication.dmn} expects a status page and there
   * is none yet drafts an "Investigating" update for the Communications Manager, unless the Incident Manager drafted
   * one; the bridge and paging for the raise follow in the model.
   */
  public FixRoundRecorded recordFixRound(FixRound round) {
    String key = round.key();
    if (round.status() == null || round.status() == Status.RESOLVED) {
      throw new RejectedInput(
          "Status must be investigating, identified or monitoring (form field 'status'); resolve with 'Ready to resolve'");
    }
    if (round.statusUpdate() == null || round.statusUpdate().isBlank()) {
      throw new RejectedInput("Status update is required (form field 'statusUpdate')");
    }
    String update = round.statusUpdate().trim();
    Incident before = changeSeverity(key, round.severity(), round.impact(), round.actor());
    Severity severity = round.severity() == null ? before.severity() : round.severity();
    Impact impact = round.impact() == null ? before.impact() : round.impact();

    boolean raised = severity.compareTo(before.severity()) < 0;
    String drafted = null;
    if (raised && before.statusPage() == null && round.externalUpdateDraft() == null
        && communication.statusPageExpected(severity, impact, before.customerFacing())) {
      drafted = investigating(before);
      incidents.appendTimeline(key, TimelineEntryType.EXTERNAL_UPDATE, round.actor(), "Severity raised to "
          + severity + ": a status page is expected; an \"Investigating\" update is drafted for the Communications Manager");
    }

    if (round.incidentManager() != null) {
      team.assign(key, Role.INCIDENT_MANAGER, List.of(round.incidentManager()), round.actor());
    }
    if (round.communicationsManager() != null) {
      team.assign(key, Role.COMMUNICATIONS_MANAGER, List.of(round.communicationsManager()), round.actor());
    }
    if (!round.domainExperts().isEmpty()) {
      team.assign(key, Role.DOMAIN_EXPERT, round.domainExperts(), round.actor());
    }
    Incident.Roles after = incidents.get(key).roles();

    incidents.recordStatusUpdate(key, round.status(), update);
    incidents.appendTimeline(key, TimelineEntryType.STATUS_UPDATE, round.actor(), round.status().value() + ": " + update);
    return new FixRoundRecorded(severity, impact, round.status(), update, raised, drafted,
        IncidentTeam.changes(before.roles(), after),
        !new HashSet<>(before.roles().domainExperts()).equals(new HashSet<>(after.domainExperts())));
  }

  /** The status-page text a raise drafts for the Communications Manager. */
  static String investigating(Incident incident) {
    return "Investigating: we are investigating " + incident.title()
        + ". We will post an update as soon as we know more.";
  }

  /** "Publish external update": the Communications Manager approves what customers read, with its status. */
  public void approveExternalUpdate(String key, String actor, String message, Status status) {
    if (message == null || message.isBlank()) {
      throw new RejectedInput("External update is required (form field 'externalUpdate')");
    }
    if (status == null) {
      throw new RejectedInput("Status is required (form field 'updateStatus')");
    }
    incidents.appendTimeline(key, TimelineEntryType.EXTERNAL_UPDATE, actor,
        "External update approved (" + status.value() + "): " + message.trim());
  }

  /**
   * "Confirm resolution": the service has recovered. A customer impact given with it (null keeps it) is a change like
   * any other, on the timeline as {@code SEVERITY_CHANGED}. Counted as resolved: an incident ended as a false alarm
   * or a duplicate ({@link IncidentEndings}) was never fixed.
   *
   * @return the resolved incident
   */
  public Incident resolve(String key, String actor, String summary, Impact impact) {
    if (summary == null || summary.isBlank()) {
      throw new RejectedInput("Resolution summary is required (form field 'resolutionSummary')");
    }
    changeSeverity(key, null, impact, actor);
    incidents.resolve(key, summary.trim(), Timestamps.now());
    incidents.appendTimeline(key, TimelineEntryType.RESOLVED, actor, "Resolved: " + summary.trim());
    Incident resolved = incidents.get(key);
    events.publishEvent(new IncidentResolved(key, resolved.severity(), resolved.detectedAt(), resolved.resolvedAt(),
        resolved.reopenings()));
    return resolved;
  }

  /**
   * A firing alert within the reopen window after the resolution: the resolved incident goes back into the Fix
   * (investigating, no longer resolved), with a {@code REOPENED} entry on the timeline carrying the alert's payload.
   * Whether the window is still open is the process's to say (its timer); this is the record's side.
   *
   * @param alert the alert as people read it ("alertmanager alert MediaUploadErrorRate high")
   * @return false when the incident is not resolved (another request reopened it first): nothing changed
   */
  public boolean reopen(String key, String alert, String payload) {
    var now = Timestamps.now();
    if (!incidents.reopen(key, now)) {
      return false;
    }
    Incident reopened = incidents.get(key);
    incidents.appendTimeline(key, TimelineEntryType.REOPENED, null, "Reopened by " + alert
        + " within the reopen window after its resolution: back into the Fix", payload);
    events.publishEvent(new IncidentReopened(key, reopened.severity(), now, reopened.reopenings()));
    return true;
  }
}
