package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What happens when a role holder completes a task of the incident process: the form's values are checked (a bad
 * value rejects the completion with a 400 that Tasklist shows) and recorded on the incident.
 * The model calls these by expression, e.g. {@code ${leadTheFix.complete(task)}}.
 */
public final class IncidentTasks {

  private IncidentTasks() {
  }

  static String incidentKey(DelegateTask task) {
    return (String) task.getVariable(INCIDENT_KEY);
  }

  /** "Evaluate event": a First Responder declares an incident or dismisses the event. */
  @Component("evaluateEvent")
  public static class EvaluateEvent {

    public void complete(DelegateTask task) {
      boolean declare = ProcessVariables.requiredFlag(task, DECLARE_INCIDENT, "Declare an incident?");
      task.setVariable(DECLARE_INCIDENT, declare);
      if (declare) {
        ProcessVariables.requiredText(task, TITLE, "Title");
        Severity severity = ProcessVariables.parsed(task, SEVERITY, Severity::parse);
        if (severity == null) {
          throw new BadUserRequestException("Severity is required (form field 'severity')");
        }
        task.setVariable(SEVERITY, severity.name());
        Impact impact = ProcessVariables.parsed(task, IMPACT, Impact::parse);
        task.setVariable(IMPACT, (impact == null ? severity.defaultImpact() : impact).value());
        task.setVariable(FIRST_RESPONDER, IncidentTeam.actor(task));
      }
    }
  }

  /** "Take the Incident Manager role": whoever completes it drives the incident. */
  @Component("takeIncidentManagerRole")
  public static class TakeIncidentManagerRole {

    private final IncidentRepository incidents;
    private final IncidentTeam team;
    private final ApplicationEventPublisher events;

    TakeIncidentManagerRole(IncidentRepository incidents, IncidentTeam team, ApplicationEventPublisher events) {
      this.incidents = incidents;
      this.team = team;
      this.events = events;
    }

    public void complete(DelegateTask task) {
      String key = incidentKey(task);
      String manager = IncidentTeam.actor(task);
      task.setVariable(INCIDENT_MANAGER, manager);
      if (task.getVariable(FIRST_RESPONDER) == null) {
        // Nobody reacted before: the one who takes the role was first.
        task.setVariable(FIRST_RESPONDER, manager);
        team.assign(key, Role.FIRST_RESPONDER, List.of(manager), manager);
      }
      team.assign(key, Role.INCIDENT_MANAGER, List.of(manager), manager);
      if (incidents.acknowledge(key, Timestamps.now())) {
        Incident incident = incidents.get(key);
        events.publishEvent(new IncidentAcknowledged(key, incident.severity(), incident.openedAt(), incident.acknowledgedAt()));
      }
    }
  }

  /** "Appoint roles": the Incident Manager names the Communications Manager and the Domain Experts. */
  @Component("appointRoles")
  public static class AppointRoles {

    private final IncidentTeam team;

    AppointRoles(IncidentTeam team) {
      this.team = team;
    }

    public void complete(DelegateTask task) {
      String key = incidentKey(task);
      String actor = IncidentTeam.actor(task);
      String communicationsManager = ProcessVariables.requiredText(task, COMMUNICATIONS_MANAGER, "Communications Manager");
      List<String> domainExperts = ProcessVariables.userIds(task, DOMAIN_EXPERTS);
      if (domainExperts.isEmpty()) {
        throw new BadUserRequestException("at least one Domain Expert is required (form field 'domainExperts')");
      }
      team.assign(key, Role.COMMUNICATIONS_MANAGER, List.of(communicationsManager), actor);
      team.assign(key, Role.DOMAIN_EXPERT, domainExperts, actor);
      task.setVariable(DOMAIN_EXPERTS, ProcessVariables.jsonList(domainExperts));
    }
  }

  /** "Lead the fix": one round of the fix; status, updates, severity and role changes. */
  @Component("leadTheFix")
  public static class LeadTheFix {

    private final IncidentRepository incidents;
    private final IncidentTeam team;
    private final SeverityResponse severityResponse;

    private final IncidentEndings endings;
    private final DomainExpertFindings findings;

    LeadTheFix(IncidentRepository incidents, IncidentTeam team, SeverityResponse severityResponse,
               IncidentEndings endings, DomainExpertFindings findings) {
      this.incidents = incidents;
      this.team = team;
      this.severityResponse = severityResponse;
      this.endings = endings;
      this.findings = findings;
    }

    /** A fresh form each round, due when the next status update is. */
    public void create(DelegateTask task) {
      task.setVariable(STATUS_UPDATE, null);
      task.setVariable(EXTERNAL_UPDATE_DRAFT, null);
      task.setVariable(READY_TO_RESOLVE, false);
      task.setVariable(ROLE_CHANGES, null);
      task.setVariable(END_AS, null);
      task.setVariable(DUPLICATE_OF, null);
      task.setVariable(DOMAIN_EXPERTS_CHANGED, false);
      task.setVariable(FINDINGS_BY_EXPERT, findings.summary(incidentKey(task)));
      Object interval = task.getVariable(STATUS_UPDATE_INTERVAL);
      if (interval != null) {
        OffsetDateTime due = Timestamps.now().plus(Duration.parse(interval.toString()));
        task.setDueDate(Date.from(due.toInstant()));
      }
    }

    public void complete(DelegateTask task) {
      String key = incidentKey(task);
      String actor = IncidentTeam.actor(task);
      Incident incident = incidents.get(key);
      // The field is read-only: what the form sends back may be older than what the experts shared since.
      task.setVariable(FINDINGS_BY_EXPERT, findings.summary(key));

      IncidentEndings.Ending ending = ProcessVariables.parsed(task, END_AS, IncidentEndings.Ending::parse);
      if (ending != null) {
        end(task, incident, ending, actor);
        return;
      }
      Status status = ProcessVariables.parsed(task, STATUS, Status::parse);
      if (status == null || status == Status.RESOLVED) {
        throw new BadUserRequestException(
            "Status must be investigating, identified or monitoring (form field 'status'); resolve with 'Ready to resolve'");
      }
      String update = ProcessVariables.requiredText(task, STATUS_UPDATE, "Status update");
      Severity severity = ProcessVariables.parsed(task, SEVERITY, Severity::parse);
      Impact impact = ProcessVariables.parsed(task, IMPACT, Impact::parse);
      severity = severity == null ? incident.severity() : severity;
      impact = impact == null ? incident.impact() : impact;
      if (severity != incident.severity() || impact != incident.impact()) {
        incidents.changeSeverity(key, severity, impact);
        incidents.appendTimeline(key, TimelineEntryType.SEVERITY_CHANGED, actor,
            "Severity " + incident.severity() + " → " + severity + ", customer impact "
                + incident.impact().value() + " → " + impact.value());
      }
      task.setVariable(SEVERITY, severity.name());
      task.setVariable(IMPACT, impact.value());
      task.setVariable(STATUS, status.value());
      if (severity.compareTo(incident.severity()) < 0) {
        raised(task, incident, severity, impact, actor);
      }

      Incident.Roles before = incident.roles();
      String manager = ProcessVariables.text(task, INCIDENT_MANAGER);
      if (manager != null) {
        team.assign(key, Role.INCIDENT_MANAGER, List.of(manager), actor);
      }
      String communicationsManager = ProcessVariables.text(task, COMMUNICATIONS_MANAGER);
      if (communicationsManager != null) {
        team.assign(key, Role.COMMUNICATIONS_MANAGER, List.of(communicationsManager), actor);
      }
      List<String> domainExperts = ProcessVariables.userIds(task, DOMAIN_EXPERTS);
      if (!domainExperts.isEmpty()) {
        team.assign(key, Role.DOMAIN_EXPERT, domainExperts, actor);
        task.setVariable(DOMAIN_EXPERTS, ProcessVariables.jsonList(domainExperts));
      }

      Incident.Roles after = incidents.get(key).roles();
      task.setVariable(ROLE_CHANGES, IncidentTeam.changes(before, after));
      task.setVariable(DOMAIN_EXPERTS_CHANGED,
          !new java.util.HashSet<>(before.domainExperts()).equals(new java.util.HashSet<>(after.domainExperts())));

      incidents.recordStatusUpdate(key, status, update);
      incidents.appendTimeline(key, TimelineEntryType.STATUS_UPDATE, actor, status.value() + ": " + update);
      task.setVariable(LAST_STATUS_UPDATE, update);
      task.setVariable(READY_TO_RESOLVE, ProcessVariables.flag(task, READY_TO_RESOLVE));
    }

    /** "End the incident as" a false alarm or a duplicate: resolved without Confirm resolution, no postmortem. */
    private void end(DelegateTask task, Incident incident, IncidentEndings.Ending ending, String actor) {
      String duplicateOf = ending == IncidentEndings.Ending.DUPLICATE
          ? IncidentEndings.duplicateKey(ProcessVariables.text(task, DUPLICATE_OF), "form field 'duplicateOf'") : null;
      String summary = endings.end(incident.key(), ending, duplicateOf, actor, "form field 'duplicateOf'");
      task.setVariable(ENDED_AS, ending.value());
      task.setVariable(FALSE_ALARM, ending == IncidentEndings.Ending.FALSE_ALARM);
      task.setVariable(DUPLICATE_OF, duplicateOf);
      task.setVariable(RESOLUTION_SUMMARY, summary);
      task.setVariable(STATUS_UPDATE, summary);
      task.setVariable(STATUS, incident.status() == null ? Status.INVESTIGATING.value() : incident.status().value());
      task.setVariable(EXTERNAL_UPDATE_DRAFT, null);
      task.setVariable(READY_TO_RESOLVE, true);
    }

    /**
     * A raise applies what {@code communication.dmn} says for the new severity: the bridge and paging follow in
     * "Open the bridge and page as a raised severity calls for"; where a status page is expected and there is none
     * yet, the Communications Manager gets Publish external update with an "Investigating" text drafted (unless the
     * Incident Manager drafted one).
     */
    private void raised(DelegateTask task, Incident incident, Severity severity, Impact impact, String actor) {
      task.setVariable(SEVERITY_RAISED, true);
      SeverityResponse.Plan plan = severityResponse.plan(severity.name(), impact.value(),
          Boolean.TRUE.equals(task.getVariable(CUSTOMER_FACING)));
      if (plan.statusPage() && incident.statusPage() == null
          && ProcessVariables.text(task, EXTERNAL_UPDATE_DRAFT) == null) {
        task.setVariable(EXTERNAL_UPDATE_DRAFT, investigating(incident));
        incidents.appendTimeline(incident.key(), TimelineEntryType.EXTERNAL_UPDATE, actor, "Severity raised to "
            + severity + ": a status page is expected; an \"Investigating\" update is drafted for the Communications Manager");
      }
    }

    static String investigating(Incident incident) {
      return "Investigating: we are investigating " + incident.title()
          + ". We will post an update as soon as we know more.";
    }
  }

  /**
   * "Share findings": a Domain Expert's findings and proposed mitigations, any number of times while the Fix lasts.
   * The model maps the fields in empty, so they are the task's own: each task opens empty and one expert's text
   * never shows in another's form.
   */
  @Component("shareFindings")
  public static class ShareFindings {

    private final DomainExpertFindings findings;

    ShareFindings(DomainExpertFindings findings) {
      this.findings = findings;
    }

    /** The multi-instance collection: one task per Domain Expert on record. */
    public java.util.List<String> experts(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      return findings.experts((String) execution.getVariable(INCIDENT_KEY));
    }

    /** After a sharing: the task comes back while the expert is still one of the incident's Domain Experts. */
    public boolean stillExpert(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      return experts(execution).contains((String) execution.getVariable(EXPERT));
    }

    public void complete(DelegateTask task) {
      String key = incidentKey(task);
      String expert = (String) task.getVariable(EXPERT);
      String text = findings.share(key, expert, ProcessVariables.text(task, FINDINGS),
          ProcessVariables.text(task, PROPOSED_MITIGATIONS));
      task.setVariable(SHARED_FINDINGS, text);
      task.setVariable(SHARED_BY, expert);
      task.setVariable(FINDINGS_BY_EXPERT, findings.summary(key));
    }
  }

  /** "Publish external update": the Communications Manager approves what customers read. */
  @Component("publishExternalUpdate")
  public static class PublishExternalUpdate {

    private final IncidentRepository incidents;

    PublishExternalUpdate(IncidentRepository incidents) {
      this.incidents = incidents;
    }

    public void complete(DelegateTask task) {
      String message = ProcessVariables.requiredText(task, EXTERNAL_UPDATE, "External update");
      Status status = ProcessVariables.parsed(task, UPDATE_STATUS, Status::parse);
      if (status == null) {
        throw new BadUserRequestException("Status is required (form field 'updateStatus')");
      }
      task.setVariable(UPDATE_STATUS, status.value());
      task.setVariable(EXTERNAL_UPDATE_PUBLISHED, true);
      Object pending = task.getVariable(STATUS_PAGE_UPDATES_PENDING);
      task.setVariable(STATUS_PAGE_UPDATES_PENDING, (pending instanceof Number number ? number.intValue() : 0) + 1);
      incidents.appendTimeline(incidentKey(task), TimelineEntryType.EXTERNAL_UPDATE, IncidentTeam.actor(task),
          "External update approved (" + status.value() + "): " + message);
    }
  }

  /** "Confirm resolution": the Incident Manager says the service has recovered. */
  @Component("confirmResolution")
  public static class ConfirmResolution {

    private final IncidentRepository incidents;
    private final ApplicationEventPublisher events;

    ConfirmResolution(IncidentRepository incidents, ApplicationEventPublisher events) {
      this.incidents = incidents;
      this.events = events;
    }

    public void complete(DelegateTask task) {
      String key = incidentKey(task);
      String summary = ProcessVariables.requiredText(task, RESOLUTION_SUMMARY, "Resolution summary");
      Impact impact = ProcessVariables.parsed(task, IMPACT, Impact::parse);
      if (impact != null) {
        Incident incident = incidents.get(key);
        if (impact != incident.impact()) {
          incidents.changeSeverity(key, incident.severity(), impact);
        }
        task.setVariable(IMPACT, impact.value());
      }
      incidents.resolve(key, summary, Timestamps.now());
      incidents.appendTimeline(key, TimelineEntryType.RESOLVED, IncidentTeam.actor(task), "Resolved: " + summary);
      // Only a confirmed resolution: an incident ended as a false alarm or a duplicate was never fixed.
      Incident resolved = incidents.get(key);
      events.publishEvent(new IncidentResolved(key, resolved.severity(), resolved.openedAt(), resolved.resolvedAt()));
    }
  }
}
