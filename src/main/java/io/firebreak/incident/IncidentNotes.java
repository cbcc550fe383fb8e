package io.firebreak.incident;

import io.firebreak.config.FirebreakGroups;
import io.firebreak.config.Texts;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notes on an incident's timeline: a responder writes down what they see or did, on the incident page or through
 * {@code POST /api/incidents/{key}/notes}, and the note goes to the incident's channel too, where one exists. Who may
 * add one: who may act on the incident, that is its role holders and the members of the groups that take it on
 * ({@code first-responders}, {@code incident-managers}). Viewers read notes, and add none.
 */
@Service
public class IncidentNotes {

  /** Where a note goes besides the timeline: the incident's channel, later and retried, never failing the note. */
  @FunctionalInterface
  interface ToTheChannel {
    void post(String key, String author, String text);
  }

  /** The groups whose members may act on any incident; role holders may act on their own. */
  static final List<String> ACTING_GROUPS = List.of(FirebreakGroups.FIRST_RESPONDERS, FirebreakGroups.INCIDENT_MANAGERS);

  private final IncidentRepository incidents;
  private final ToTheChannel channel;

  IncidentNotes(IncidentRepository incidents, ToTheChannel channel) {
    this.incidents = incidents;
    this.channel = channel;
  }

  /** Whether {@code user} in {@code groups} may add notes to {@code incident} (the page shows the form to them). */
  public boolean mayAdd(Incident incident, String user, Collection<String> groups) {
    Incident.Roles roles = incident.roles();
    boolean holdsARole = user != null && Stream.concat(
            Stream.of(roles.firstResponder(), roles.incidentManager(), roles.communicationsManager()),
            roles.domainExperts().stream())
        .anyMatch(user::equals);
    return holdsARole || groups.stream().anyMatch(ACTING_GROUPS::contains);
  }

  /**
   * Adds {@code author}'s note to the incident's timeline and hands it to the channel.
   *
   * @return the timeline entry
   * @throws IncidentActionForbiddenException when {@code author} may not act on the incident
   * @throws RejectedInput when the text is blank or too long
   */
  @Transactional
  public TimelineEntry add(String key, String author, Collection<String> groups, String text) {
    Incident incident = incidents.get(key);
    if (!mayAdd(incident, author, groups)) {
      throw new IncidentActionForbiddenException("adding notes to " + incident.key() + " is for its role holders and "
          + "the members of " + String.join(" and ", ACTING_GROUPS));
    }
    String note = text == null ? "" : Texts.withoutNul(text).strip();
    if (note.isEmpty()) {
      throw new RejectedInput("a note needs a text (field 'text')");
    }
    if (note.length() > IncidentLimits.NOTE) {
      throw new RejectedInput("a note is at most " + IncidentLimits.NOTE + " characters (field 'text'), this one has "
          + note.length());
    }
    TimelineEntry entry = incidents.appendNote(incident.key(), author, note);
    channel.post(incident.key(), author, note);
    return entry;
  }
}
