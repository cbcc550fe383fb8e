package io.firebreak.postmortem;

import static io.firebreak.incident.ProcessVariables.rejectedAsBadRequest;
import static io.firebreak.postmortem.PostmortemProcess.Variables.*;

import io.firebreak.incident.ProcessVariables;
import io.firebreak.postmortem.PostmortemMeetings.MeetingOutcome;
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
  private final PostmortemReviews reviews;
  private final boolean pullRequests;

  PostmortemReview(PostmortemRecords records, PostmortemReviews reviews,
                   ObjectProvider<PostmortemRepository> repository) {
    this.records = records;
    this.reviews = reviews;
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
    rejectedAsBadRequest(() -> reviews.review(key(task), task.getAssignee(), approved, comments));
    task.setVariable(POSTMORTEM_APPROVED, approved);
  }

  /** "Revise postmortem" opens: the texts as they are, and why it came back. */
  public void offerRevision(DelegateTask task) {
    Postmortem postmortem = records.get(key(task));
    task.setVariable(SUMMARY, postmortem.summary());
    task.setVariable(IMPACT_DESCRIPTION, postmortem.impact());
    task.setVariable(ROOT_CAUSES, postmortem.rootCauses());
    task.setVariableLocal(SENT_BACK_BECAUSE, reviews.sentBackBecause(postmortem));
  }

  /** "Revise postmortem" is submitted: the document is written again from these texts. */
  public void revise(DelegateTask task) {
    rejectedAsBadRequest(() -> reviews.revise(key(task), task.getAssignee(), new MeetingOutcome(
        ProcessVariables.text(task, SUMMARY), ProcessVariables.text(task, IMPACT_DESCRIPTION),
        ProcessVariables.text(task, ROOT_CAUSES))));
  }

  private static String key(DelegateTask task) {
    return PostmortemVariables.incidentKey(task);
  }
}
