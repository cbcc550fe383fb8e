package io.firebreak.incident;

import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Gives incident roles to people and keeps the change on the timeline. */
@Component
public class IncidentTeam {

  private final IncidentRepository incidents;
  private final KnownPeople people;

  IncidentTeam(IncidentRepository incidents, KnownPeople people) {
    this.incidents = incidents;
    this.people = people;
  }

  /**
   * Makes {@code users} the holders of {@code role}; does nothing when they hold it already.
   *
   * @return whether anything changed
   */
  public boolean assign(String key, Role role, List<String> users, String actor) {
    for (String user : users) {
      if (!people.exists(user)) {
        throw new RejectedInput("unknown user '" + user + "' for role " + label(role));
      }
    }
    List<String> current = holders(incidents.get(key).roles(), role);
    if (new java.util.HashSet<>(current).equals(new java.util.HashSet<>(users))) {
      return false;
    }
    incidents.assignRole(key, role, users, Timestamps.now());
    String who = users.isEmpty() ? "nobody" : String.join(", ", users);
    if (current.isEmpty()) {
      incidents.appendTimeline(key, TimelineEntryType.ROLE_ASSIGNED, actor, label(role) + ": " + who);
    } else {
      incidents.appendTimeline(key, TimelineEntryType.ROLE_CHANGED, actor,
          label(role) + ": " + String.join(", ", current) + " → " + who);
    }
    return true;
  }

  /** What changed between two states of the team, as people read it ("Incident Manager: ivan → dan"); null if nothing. */
  public static String changes(Incident.Roles before, Incident.Roles after) {
    List<String> changes = new java.util.ArrayList<>();
    for (Role role : Role.values()) {
      List<String> was = holders(before, role);
      List<String> is = holders(after, role);
      if (!new java.util.HashSet<>(was).equals(new java.util.HashSet<>(is))) {
        changes.add(label(role) + ": " + (was.isEmpty() ? "nobody" : String.join(", ", was)) + " → "
            + (is.isEmpty() ? "nobody" : String.join(", ", is)));
      }
    }
    return changes.isEmpty() ? null : String.join("; ", changes);
  }

  static String label(Role role) {
    return switch (role) {
      case FIRST_RESPONDER -> "First Responder";
      case INCIDENT_MANAGER -> "Incident Manager";
      case COMMUNICATIONS_MANAGER -> "Communications Manager";
      case DOMAIN_EXPERT -> "Domain Experts";
    };
  }

  private static List<String> holders(Incident.Roles roles, Role role) {
    return switch (role) {
      case FIRST_RESPONDER -> listOf(roles.firstResponder());
      case INCIDENT_MANAGER -> listOf(roles.incidentManager());
      case COMMUNICATIONS_MANAGER -> listOf(roles.communicationsManager());
      case DOMAIN_EXPERT -> roles.domainExperts();
    };
  }

  private static List<String> listOf(String user) {
    return user == null ? List.of() : List.of(Objects.requireNonNull(user));
  }
}
