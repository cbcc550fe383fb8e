package io.firebreak.postmortem;

import io.firebreak.incident.Incident;
import java.time.LocalDate;

/** Where the owner of an open action item is reminded of it: the incident's channel. */
public interface ActionItemReminders {

  /** Reminds the owner of a postmortem action item, in the incident's channel, that it is still open. */
  void remindActionItem(Incident incident, ActionItemReminder reminder);

  /** An open action item; {@code ticketUrl} and {@code due} may be null. */
  record ActionItemReminder(String owner, String title, String ticketUrl, LocalDate due) {
  }
}
