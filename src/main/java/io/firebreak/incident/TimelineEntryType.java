package io.firebreak.incident;

/** What kind of thing a timeline entry records. */
public enum TimelineEntryType {
  DECLARED,
  STAGE_CHANGED,
  ROLE_ASSIGNED,
  ROLE_CHANGED,
  STATUS_UPDATE,
  SEVERITY_CHANGED,
  STATUS_UPDATE_DUE,
  EXTERNAL_UPDATE,
  RESOLVED,
  POSTMORTEM,
  CLOSED,
  CHAT,
  TICKET,
  CONFERENCE,
  PAGING,
  STATUS_PAGE,
  EMAIL
}
