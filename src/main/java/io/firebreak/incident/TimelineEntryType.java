package io.firebreak.incident;

/** What kind of thing a timeline entry records. */
public enum TimelineEntryType {
  DECLARED,
  ALERT_RECEIVED,
  ALERT_REPEATED,
  ALERT_RECOVERED,
  ALERT_ACKNOWLEDGED,
  ALERT_SPLIT,
  STAGE_CHANGED,
  ROLE_ASSIGNED,
  ROLE_CHANGED,
  STATUS_UPDATE,
  SEVERITY_CHANGED,
  STATUS_UPDATE_DUE,
  EXTERNAL_UPDATE,
  /** A Domain Expert shared findings and proposed mitigations; the actor is the expert. */
  FINDINGS,
  RESOLVED,
  POSTMORTEM,
  CLOSED,
  CHAT,
  TICKET,
  CONFERENCE,
  PAGING,
  STATUS_PAGE,
  EMAIL,
  STEP_FAILING,
  STEP_FAILED,
  /** A note a responder added to the timeline (e.g. {@code /incident note} in Slack); the actor is its author. */
  NOTE
}
