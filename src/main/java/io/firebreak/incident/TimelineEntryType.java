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
  /** A responder's note, added on the incident page, through the API or from Slack; the actor is the responder. */
  NOTE,
  RESOLVED,
  /** A firing alert within the reopen window after the resolution took the incident back into the Fix. */
  REOPENED,
  POSTMORTEM,
  CLOSED,
  CHAT,
  TICKET,
  CONFERENCE,
  PAGING,
  STATUS_PAGE,
  EMAIL,
  STEP_FAILING,
  STEP_FAILED
}
