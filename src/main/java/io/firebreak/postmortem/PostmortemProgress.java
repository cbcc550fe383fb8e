package io.firebreak.postmortem;

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
  private final PostmortemReviews reviews;
  private final ActionItemTracking tracking;
  private final RuntimeService runtimeService;

  PostmortemProgress(PostmortemRecords records, ActionItems actionItems, PostmortemReviews reviews,
                     ActionItemTracking tracking, RuntimeService runtimeService) {
    this.records = records;
    this.actionItems = actionItems;
    this.reviews = reviews;
    this.tracking = tracking;
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

  /**
   * The review pull request {@code number} was closed: merged publishes the postmortem as it is in
   * {@code mergedCommit} (null when the sender does not say: then as it is on the base branch), else it goes back.
   */
  @Transactional
  public Outcome pullRequestClosed(int number, boolean merged, String by, String mergedCommit) {
    Optional<String> key = records.findByPullRequest(number);
    if (key.isEmpty()) {
      return Outcome.unrelated("pull request #" + number + " reviews no postmortem");
    }
    int correlated = runtimeService.createMessageCorrelation(PostmortemProcess.Messages.PULL_REQUEST_CLOSED)
        .processInstanceBusinessKey(key.get())
        .setVariable(PostmortemProcess.Variables.PULL_REQUEST_MERGED, merged)
        .setVariable(PostmortemProcess.Variables.MERGED_COMMIT, merged ? mergedCommit : null)
        .correlateAllWithResult().size();
    if (correlated == 0) {
      return Outcome.alreadyApplied("the postmortem of " + key.get() + " is not waiting for its review");
    }
    reviews.pullRequestClosed(key.get(), number, merged, by);
    return Outcome.applied(merged ? "published " + key.get() : "sent back " + key.get());
  }

  /** The Jira issue {@code ticketKey} of an action item is done; {@code by} is who moved it there, if Jira says. */
  @Transactional
  public Outcome actionItemDoneInJira(String ticketKey, String by) {
    Optional<ActionItem> item = actionItems.findByTicket(ticketKey);
    if (item.isEmpty()) {
      return Outcome.unrelated(ticketKey + " is no action item");
    }
    if (!tracking.doneInJira(item.get().id(), ticketKey, by)) {
      return Outcome.alreadyApplied("the action item of " + ticketKey + " was done already");
    }
    runtimeService.createMessageCorrelation(PostmortemProcess.Messages.ACTION_ITEM_DONE_IN_JIRA)
        .processInstanceVariableEquals(PostmortemProcess.Variables.ACTION_ITEM_ID, item.get().id())
        .correlateAllWithResult();
    return Outcome.applied("done " + ticketKey);
  }
}
