package io.firebreak.incident;

/** Whether Firebreak knows a person by user id: a role, an invitation or an action item can only go to one it knows. */
@FunctionalInterface
public interface KnownPeople {

  boolean exists(String userId);
}
