package io.firebreak.incident;

import java.util.Optional;

/**
 * The incident's chat channel: where responders work and see every update. Every method but
 * {@link #openChannel} does nothing when the incident has no channel yet; the channel, once open, is brought up to
 * date by {@link #welcome}.
 */
public interface ChatOps {

  /** Opens the incident's channel, or finds the one a previous try opened; empty when no chat tool is configured. */
  Optional<ExternalLink> openChannel(Incident incident);

  /**
   * In the channel just opened: invite the role holders, say once who reacted and who leads, post and pin the incident
   * summary. Safe to repeat.
   */
  void welcome(Incident incident);

  /** The Incident Manager appointed the team: invite them, say who holds which role, refresh the summary. */
  void introduceTeam(Incident incident);

  /** Ticket, bridge and status page are known: post them and refresh the pinned summary. */
  void shareLinks(Incident incident);

  void postStatusUpdate(Incident incident, StatusUpdate update);

  void remindStatusUpdate(Incident incident, String interval);

  /** A Domain Expert shared findings and proposed mitigations ({@code text}, as the timeline has them). */
  void postFindings(Incident incident, String expert, String text);

  /** A responder added a note to the timeline ({@code text}, as the timeline has it). */
  void postNote(Incident incident, String author, String text);

  void announceResolution(Incident incident);

  /**
   * A firing alert within the reopen window reopened the resolved incident: it is back in the Fix, and its Incident
   * Manager leads it again. {@code reopenedBy} says which alert, as people read it.
   */
  void announceReopening(Incident incident, String reopenedBy);

  /** Tells the Incident Manager that the alert's source reports recovery; resolving stays their call. */
  void noticeSourceRecovered(Incident incident, String note);
}
