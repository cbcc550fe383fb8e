package io.firebreak.postmortem;

import static io.firebreak.postmortem.PostmortemProcess.Variables.*;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.ProcessVariables;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.integration.PostmortemRepository;
import io.firebreak.postmortem.PostmortemRecords.Postmortem;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Review and revision of the postmortem document: by pull request when a git repository is configured, otherwise by
 * the lead group in Tasklist ("Review postmortem"). Either way a postmortem sent back goes to the Incident Manager.
 */
@Component("postmortemReview")
public class PostmortemReview {

  private final PostmortemRecords records;
  private final IncidentRepository incidents;
  private final boolean pullRequests;

  PostmortemReview(PostmortemRecords records, IncidentRepository incidents,
                   ObjectProvider<PostmortemRepository> repository) {
    this.records = records;
    this.incidents = incidents;
    this.pullRequests = repository.getIfAvailable() != null;
  }

  /** Whether postmortems are reviewed as pull requests (the model's gateway asks). */
  public boolean isPullRequests() {
    return pullRequests;
  }

  /** "Review postmortem" opens: the document as it will be published. */
  public void offerDocument(DelegateTask task) {
    task.setVariableLocal(POSTMORTEM_MARKDOWN, records.get(key(task)).markdown());
    // A new round starts undecided (Tasklist would otherwise show the last round's decision).
    task.setVariable(POSTMORTEM_APPROVED, null);
    task.setVariable(REVIEW_COMMENTS, null);
  }

  /** "Review postmortem" is submitted: approved, or sent back with comments. */
  public void review(DelegateTask task) {
    boolean approved = ProcessVariables.requiredFlag(task, POSTMORTEM_APPROVED, "Decision");
    String comments = ProcessVariables.text(task, REVIEW_COMMENTS);
    if (!approved && comments == null) {
      throw new org.camunda.bpm.engine.BadUserRequestException("Say what to change when sending the postmortem back (form field 'reviewComments')");
    }
    String key = key(task);
    records.reviewComments(key, comments);
    task.setVariable(POSTMORTEM_APPROVED, approved);
    incidents.appendTimeline(key, TimelineEntryType.POSTMORTEM, task.getAssignee(), approved
        ? "Postmortem approved" + (comments == null ? "" : ": " + comments)
        : "Postmortem sent back for revision: " + comments);
  }

  /** "Revise postmortem" opens: the texts as they are, and why it came back. */
  public void offerRevision(DelegateTask task) {
    Postmortem postmortem = records.get(key(task));
    task.setVariable(SUMMARY, postmortem.summary());
    task.setVariable(IMPACT_DESCRIPTION, postmortem.impact());
    task.setVariable(ROOT_CAUSES, postmortem.rootCauses());
    task.setVariableLocal(SENT_BACK_BECAUSE, postmortem.reviewComments() != null ? postmortem.reviewComments()
        : "The pull request " + postmortem.reviewUrl() + " was closed without merging; see its comments.");
  }

  /** "Revise postmortem" is submitted: the document is written again from these texts. */
  public void revise(DelegateTask task) {
    String key = key(task);
    records.revise(key, ProcessVariables.requiredText(task, SUMMARY, "Summary"),
        ProcessVariables.requiredText(task, IMPACT_DESCRIPTION, "Impact"),
        ProcessVariables.requiredText(task, ROOT_CAUSES, "Root causes"));
    records.reviewComments(key, null);
    incidents.appendTimeline(key, TimelineEntryType.POSTMORTEM, task.getAssignee(), "Postmortem revised");
  }

  private static String key(DelegateTask task) {
    return PostmortemVariables.incidentKey(task);
  }
}
