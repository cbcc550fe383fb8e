package io.firebreak.postmortem;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.RejectedInput;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.postmortem.PostmortemRecords.Postmortem;
import org.springframework.stereotype.Service;

/**
 * The rules of reviewing the postmortem document, by the lead group in Tasklist or by pull request: a postmortem sent
 * back says why, a revision needs every text, and the timeline says each step. Called by the review's task listeners
 * ({@link PostmortemReview}) and by the GitHub webhook.
 */
@Service
public class PostmortemReviews {

  private final PostmortemRecords records;
  private final IncidentRepository incidents;

  PostmortemReviews(PostmortemRecords records, IncidentRepository incidents) {
    this.records = records;
    this.incidents = incidents;
  }

  /** "Review postmortem": approved (comments optional), or sent back with what to change. */
  public void review(String incidentKey, String reviewer, boolean approved, String comments) {
    String said = comments == null || comments.isBlank() ? null : comments.trim();
    if (!approved && said == null) {
      throw new RejectedInput("Say what to change when sending the postmortem back (form field 'reviewComments')");
    }
    records.reviewComments(incidentKey, said);
    incidents.appendTimeline(incidentKey, TimelineEntryType.POSTMORTEM, reviewer, approved
        ? "Postmortem approved" + (said == null ? "" : ": " + said)
        : "Postmortem sent back for revision: " + said);
  }

  /** The postmortem's pull request was closed: merged (published next) or not (back to the Incident Manager). */
  public void pullRequestClosed(String incidentKey, int number, boolean merged, String by) {
    incidents.appendTimeline(incidentKey, TimelineEntryType.POSTMORTEM, null, merged
        ? "Postmortem pull request #" + number + " merged" + (by == null ? "" : " by " + by)
        : "Postmortem pull request #" + number + " closed without merging; back to the Incident Manager");
  }

  /** Why the postmortem came back, for "Revise postmortem": the reviewer's comments, else the closed pull request. */
  public String sentBackBecause(Postmortem postmortem) {
    return postmortem.reviewComments() != null ? postmortem.reviewComments()
        : "The pull request " + postmortem.reviewUrl() + " was closed without merging; see its comments.";
  }

  /** "Revise postmortem": the document is written again from these texts, each required as in the meeting. */
  public void revise(String incidentKey, String author, PostmortemMeetings.MeetingOutcome revised) {
    PostmortemMeetings.MeetingOutcome texts = revised.required();
    records.revise(incidentKey, texts.summary(), texts.impact(), texts.rootCauses());
    records.reviewComments(incidentKey, null);
    incidents.appendTimeline(incidentKey, TimelineEntryType.POSTMORTEM, author, "Postmortem revised");
  }
}
