package io.firebreak.postmortem;

import static io.firebreak.postmortem.PostmortemProcess.Variables.ACTION_ITEM_ID;
import static io.firebreak.postmortem.PostmortemProcess.Variables.MEETING_AT;
import static io.firebreak.postmortem.PostmortemProcess.Variables.MEETING_DEADLINE;
import static io.firebreak.postmortem.PostmortemProcess.Variables.RESOLVED_AT;

import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentVariables;
import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The postmortem and action-item processes' variables, typed, in one place: the listeners and delegates read them
 * here and never cast. Times are stored as {@link Date} (the models' timers and due dates read them) and read as UTC.
 */
final class PostmortemVariables {

  private PostmortemVariables() {
  }

  /** The incident's key: the business key of the postmortem, and of each action item's process. */
  static String incidentKey(VariableScope scope) {
    return IncidentVariables.incidentKey(scope);
  }

  static String incidentManager(VariableScope scope) {
    return IncidentVariables.string(scope, IncidentProcess.Variables.INCIDENT_MANAGER);
  }

  static String alertUrl(VariableScope scope) {
    return IncidentVariables.string(scope, IncidentProcess.Variables.ALERT_URL);
  }

  /** The commit GitHub merged the review pull request as, the published text's source; null when it did not say. */
  static String mergedCommit(VariableScope scope) {
    return IncidentVariables.string(scope, PostmortemProcess.Variables.MERGED_COMMIT);
  }

  /** Whether the review pull request was merged (false when the review was in Tasklist). */
  static boolean pullRequestMerged(VariableScope scope) {
    return Boolean.TRUE.equals(scope.getVariable(PostmortemProcess.Variables.PULL_REQUEST_MERGED));
  }

  /** When the meeting is, once scheduled; null before. */
  static OffsetDateTime meetingAt(VariableScope scope) {
    return time(scope, MEETING_AT);
  }

  /** When the incident was resolved; null for a postmortem started before it was passed in. */
  static OffsetDateTime resolvedAt(VariableScope scope) {
    return time(scope, RESOLVED_AT);
  }

  /** The deadline postmortems started before the rule moved into the model carry; null for newer ones. */
  static OffsetDateTime legacyMeetingDeadline(VariableScope scope) {
    return time(scope, MEETING_DEADLINE);
  }

  /** The action item an action-item process is about. */
  static long actionItemId(VariableScope scope) {
    Object id = scope.getVariable(ACTION_ITEM_ID);
    if (id instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalStateException("the process has no action item id (variable '" + ACTION_ITEM_ID + "'): " + id);
  }

  /** One of the models' rules (an ISO-8601 duration as the process owner wrote it), or null when the model sets none. */
  static Object rule(VariableScope scope, String name) {
    return scope.getVariable(name);
  }

  static Date date(OffsetDateTime time) {
    return time == null ? null : MeetingTimes.date(time);
  }

  private static OffsetDateTime time(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Date date) {
      return MeetingTimes.of(date);
    }
    throw new IllegalStateException("variable '" + name + "' is not a date and time: " + value);
  }
}
