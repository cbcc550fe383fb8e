package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Variables.*;

import static io.firebreak.incident.ProcessVariables.rejectedAsBadRequest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What happens when a role holder completes a task of the incident process: the form's values are read (a value that
 * does not parse rejects the completion with a 400 that Tasklist shows), the rule in {@link IncidentResponse} (or
 * {@link IncidentEndings}, {@link DomainExpertFindings}) is applied, and what it decided goes back into variables.
 * The model calls these by expression, e.g. {@code ${leadTheFix.complete(task)}}.
 */
public final class IncidentTasks {

  private IncidentTasks() {
  }

  static String incidentKey(DelegateTask task) {
    return IncidentVariables.incidentKey(task);
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
        task.setVariable(FIRST_RESPONDER, ProcessVariables.actor(task));
      }
    }
  }

  /** "Take the Incident Manager role": whoever completes it drives the incident. */
  @Component("takeIncidentManagerRole")
  public static class TakeIncidentManagerRole {

    private final IncidentResponse response;

    TakeIncidentManagerRole(IncidentResponse response) {
      this.response = response;
    }

    public void complete(DelegateTask task) {
      String manager = ProcessVariables.actor(task);
      Incident incident = rejectedAsBadRequest(() -> response.takeCharge(incidentKey(task), manager));
      task.setVariable(INCIDENT_MANAGER, manager);
      task.setVariable(FIRST_RESPONDER, incident.roles().firstResponder());
    }
  }

  /** "Appoint roles": the Incident Manager names the Communications Manager and the Domain Experts. */
  @Component("appointRoles")
  public static class AppointRoles {

    private final IncidentResponse response;

    AppointRoles(IncidentResponse response) {
      this.response = response;
    }

    public void complete(DelegateTask task) {
      String actor = ProcessVariables.actor(task);
      List<String> domainExperts = ProcessVariables.userIds(task, DOMAIN_EXPERTS);
      rejectedAsBadRequest(() -> response.appointRoles(incidentKey(task), actor,
          ProcessVariables.text(task, COMMUNICATIONS_MANAGER), domainExperts));
      task.setVariable(DOMAIN_EXPERTS, ProcessVariables.jsonList(domainExperts));
    }
  }

  /** "Lead the fix": one round of the fix; status, updates, severity and role changes. */
  @Component("leadTheFix")
  public static class LeadTheFix {

    private final IncidentResponse response;
    private final IncidentEndings endings;
    private final DomainExpertFindings findings;

    LeadTheFix(IncidentResponse response, IncidentEndings endings, DomainExpertFindings findings) {
      this.response = response;
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
      Duration interval = IncidentVariables.statusUpdateInterval(task);
      if (interval != null) {
        OffsetDateTime due = Timestamps.now().plus(interval);
        task.setDueDate(Date.from(due.toInstant()));
      }
    }

    public void complete(DelegateTask task) {
      String key = incidentKey(task);
      String actor = ProcessVariables.actor(task);
      // The field is read-only: what the form sends back may be older than what the experts shared since.
      task.setVariable(FINDINGS_BY_EXPERT, findings.summary(key));

      IncidentEndings.Ending ending = ProcessVariables.parsed(task, END_AS, IncidentEndings.Ending::parse);
      if (ending != null) {
        end(task, key, ending, actor);
        return;
      }
      Status status = ProcessVariables.parsed(task, STATUS, Status::parse);
      String update = ProcessVariables.text(task, STATUS_UPDATE);
      Severity severity = ProcessVariables.parsed(task, SEVERITY, Severity::parse);
      Impact impact = ProcessVariables.parsed(task, IMPACT, Impact::parse);
      List<String> domainExperts = ProcessVariables.userIds(task, DOMAIN_EXPERTS);
      IncidentResponse.FixRoundRecorded round = rejectedAsBadRequest(() -> response.recordFixRound(
          new IncidentResponse.FixRound(key, actor, status, update, severity, impact,
              ProcessVariables.text(task, INCIDENT_MANAGER), ProcessVariables.text(task, COMMUNICATIONS_MANAGER),
              domainExperts, ProcessVariables.text(task, EXTERNAL_UPDATE_DRAFT))));

      task.setVariable(SEVERITY, round.severity().name());
      task.setVariable(IMPACT, round.impact().value());
      task.setVariable(STATUS, round.status().value());
      if (round.severityRaised()) {
        task.setVariable(SEVERITY_RAISED, true);
      }
      if (round.draftedExternalUpdate() != null) {
        task.setVariable(EXTERNAL_UPDATE_DRAFT, round.draftedExternalUpdate());
      }
      if (!domainExperts.isEmpty()) {
        task.setVariable(DOMAIN_EXPERTS, ProcessVariables.jsonList(domainExperts));
      }
      task.setVariable(ROLE_CHANGES, round.roleChanges());
      task.setVariable(DOMAIN_EXPERTS_CHANGED, round.domainExpertsChanged());
      task.setVariable(LAST_STATUS_UPDATE, round.statusUpdate());
      task.setVariable(READY_TO_RESOLVE, ProcessVariables.flag(task, READY_TO_RESOLVE));
    }

    /** "End the incident as" a false alarm or a duplicate: resolved without Confirm resolution, no postmortem. */
    private void end(DelegateTask task, String key, IncidentEndings.Ending ending, String actor) {
      String duplicateOf = ending == IncidentEndings.Ending.DUPLICATE ? rejectedAsBadRequest(() ->
          IncidentEndings.duplicateKey(ProcessVariables.text(task, DUPLICATE_OF), "form field 'duplicateOf'")) : null;
      IncidentEndings.Ended ended = rejectedAsBadRequest(() ->
          endings.end(key, ending, duplicateOf, actor, "form field 'duplicateOf'"));
      String summary = ended.resolutionSummary();
      task.setVariable(ENDED_AS, ending.value());
      task.setVariable(FALSE_ALARM, ending == IncidentEndings.Ending.FALSE_ALARM);
      task.setVariable(DUPLICATE_OF, duplicateOf);
      task.setVariable(RESOLUTION_SUMMARY, summary);
      task.setVariable(STATUS_UPDATE, summary);
      task.setVariable(STATUS, ended.lastStatus().value());
      task.setVariable(EXTERNAL_UPDATE_DRAFT, null);
      task.setVariable(READY_TO_RESOLVE, true);
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
    public List<String> experts(DelegateExecution execution) {
      return findings.experts(IncidentVariables.incidentKey(execution));
    }

    /** After a sharing: the task comes back while the expert is still one of the incident's Domain Experts. */
    public boolean stillExpert(DelegateExecution execution) {
      return experts(execution).contains(IncidentVariables.string(execution, EXPERT));
    }

    public void complete(DelegateTask task) {
      String key = incidentKey(task);
      String expert = IncidentVariables.string(task, EXPERT);
      String text = rejectedAsBadRequest(() -> findings.share(key, expert, ProcessVariables.text(task, FINDINGS),
          ProcessVariables.text(task, PROPOSED_MITIGATIONS)));
      task.setVariable(SHARED_FINDINGS, text);
      task.setVariable(SHARED_BY, expert);
      task.setVariable(FINDINGS_BY_EXPERT, findings.summary(key));
    }
  }

  /** "Publish external update": the Communications Manager approves what customers read. */
  @Component("publishExternalUpdate")
  public static class PublishExternalUpdate {

    private final IncidentResponse response;

    PublishExternalUpdate(IncidentResponse response) {
      this.response = response;
    }

    public void complete(DelegateTask task) {
      String message = ProcessVariables.text(task, EXTERNAL_UPDATE);
      Status status = ProcessVariables.parsed(task, UPDATE_STATUS, Status::parse);
      rejectedAsBadRequest(() -> response.approveExternalUpdate(incidentKey(task), ProcessVariables.actor(task),
          message, status));
      task.setVariable(UPDATE_STATUS, status.value());
      task.setVariable(EXTERNAL_UPDATE_PUBLISHED, true);
      task.setVariable(STATUS_PAGE_UPDATES_PENDING, IncidentVariables.statusPageUpdatesPending(task) + 1);
    }
  }

  /** "Confirm resolution": the Incident Manager says the service has recovered. */
  @Component("confirmResolution")
  public static class ConfirmResolution {

    private final IncidentResponse response;

    ConfirmResolution(IncidentResponse response) {
      this.response = response;
    }

    public void complete(DelegateTask task) {
      String summary = ProcessVariables.text(task, RESOLUTION_SUMMARY);
      Impact impact = ProcessVariables.parsed(task, IMPACT, Impact::parse);
      rejectedAsBadRequest(() -> response.resolve(incidentKey(task), ProcessVariables.actor(task), summary, impact));
      if (impact != null) {
        task.setVariable(IMPACT, impact.value());
      }
    }
  }
}
