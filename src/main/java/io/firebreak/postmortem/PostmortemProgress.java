package io.firebreak.postmortem;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntryType;
import io.firebreak.incident.Timestamps;
import io.firebreak.postmortem.ActionItems.ActionItem;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a postmortem outside Firebreak and moves it on: its review pull request was closed (merged or not),
 * an action item's ticket was done. The vendors' webhooks (integration.git, integration.jira) read their payloads and
 * call these; each is safe to repeat, so a webhook delivered twice changes nothing the second time.
 */
@Service
public class PostmortemProgress {

  private final PostmortemRecords records;
  private final ActionItems actionItems;
  private final IncidentRepository incidents;
  private final RuntimeService runtimeService;

  PostmortemProgress(PostmortemRecords records, ActionItems actionItems, IncidentRepository incidents,
                     RuntimeService runtimeService) {
    this.records = records;
    this.actionItems = actionItems;
    this.incidents = incidents;
    this.runtimeService = runtimeService;
  }

  /** What became of an event: {@code applied}, or why not; {@code concernsPostmortem} is false for a stranger's event. */
  public record Outcome(boolean applied, boolean concernsPostmortem, String text) {

    static Outcome applied(String text) {
      return new Outcome(true, true, text);
    }

    static Outcome alreadyApplied(String text) {
      return new Outcome(false, true, "ignored: " + text);
    }

    static Outcome unrelated(String text) {
      return new Outcome(false, false, "ignored: " + text);
    }
  }

  /** The review pull request {@code number} was closed: merged publishes the postmortem, else it goes back. */
  @Transactional
  public Outcome pullRequestClosed(int number, boolean merged, String by) {
    Optional<String> key = records.findByPullRequest(number);
    if (key.isEmpty()) {
      return Outcome.unrelated("pull request #" + number + " reviews no postmortem");
    }
    int correlated = runtimeService.createMessageCorrelation(PostmortemProcess.Messages.PULL_REQUEST_CLOSED)
        .processInstanceBusinessKey(key.get())
        .setVariable(PostmortemProcess.Variables.PULL_REQUEST_MERGED, merged)
        .correlateAllWithResult().size();
    if (correlated == 0) {
      return Outcome.alreadyApplied("the postmortem of " + key.get() + " is not waiting for its review");
    }
    incidents.appendTimeline(key.get(), TimelineEntryType.POSTMORTEM, null, merged
        ? "Postmortem pull request #" + number + " merged" + (by == null ? "" : " by " + by)
        : "Postmortem pull request #" + number + " closed without merging; back to the Incident Manager");
    return Outcome.applied(merged ? "published " + key.get() : "sent back " + key.get());
  }

  /**
   * The ticket {@code ticketKey} of an action item was done in the tracker {@code trackerName} ({@code doneBy} is
   * what the action item records as having finished it, e.g. "jira"; {@code by} the person, when the tracker says).
   */
  @Transactional
  public Outcome actionItemDone(String ticketKey, String doneBy, String trackerName, String by) {
    Optional<ActionItem> item = actionItems.findByTicket(ticketKey);
    if (item.isEmpty()) {
      return Outcome.unrelated(ticketKey + " is no action item");
    }
    if (!actionItems.finish(item.get().id(), doneBy, Timestamps.now())) {
      return Outcome.alreadyApplied("the action item of " + ticketKey + " was done already");
    }
    runtimeService.createMessageCorrelation(PostmortemProcess.Messages.ACTION_ITEM_DONE_IN_JIRA)
        .processInstanceVariableEquals(PostmortemProcess.Variables.ACTION_ITEM_ID, item.get().id())
        .correlateAllWithResult();
    incidents.appendTimeline(item.get().incidentKey(), TimelineEntryType.POSTMORTEM, null, "Action item done: "
        + item.get().title() + " (" + ticketKey + " is done in " + trackerName + (by == null ? "" : ", by " + by) + ")");
    return Outcome.applied("done " + ticketKey);
  }
}
