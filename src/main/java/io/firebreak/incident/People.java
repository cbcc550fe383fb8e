package io.firebreak.incident;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The people a role can be given to, offered to the role pickers of a form as the task-local variable
 * {@code people} (a select's or taglist's {@code valuesKey}). Users may not list each other through the engine (no
 * one reads another's e-mail address), so this directory looks people up as Firebreak, not as the current user.
 */
@Component("peopleDirectory")
public class People implements KnownPeople {

  static final int MAX_PEOPLE = 1000;

  private final IdentityService identityService;

  People(IdentityService identityService) {
    this.identityService = identityService;
  }

  public void offer(DelegateTask task) {
    List<User> users = asFirebreak(() ->
        identityService.createUserQuery().orderByUserId().asc().listPage(0, MAX_PEOPLE));
    List<Map<String, String>> people = users.stream()
        .map(user -> Map.of("label", label(user), "value", user.getId()))
        .toList();
    task.setVariableLocal(IncidentProcess.Variables.PEOPLE, ProcessVariables.json(people));
  }

  /** Whether a user id is known to Camunda's identity service. */
  @Override
  public boolean exists(String userId) {
    return asFirebreak(() -> identityService.createUserQuery().userId(userId).count() == 1);
  }

  /** A user's email address, where the identity service has one. */
  public Optional<String> email(String userId) {
    User user = asFirebreak(() -> identityService.createUserQuery().userId(userId).singleResult());
    return user == null || user.getEmail() == null || user.getEmail().isBlank()
        ? Optional.empty() : Optional.of(user.getEmail());
  }

  /** Runs a user query without the current user's authorizations (a form's listener runs as the user completing it). */
  private <T> T asFirebreak(Supplier<T> query) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null) {
      return query.get();
    }
    identityService.clearAuthentication();
    try {
      return query.get();
    } finally {
      identityService.setAuthentication(current);
    }
  }

  private static String label(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
  }
}
