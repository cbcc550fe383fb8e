package io.firebreak.incident;

/** No incident has the given key. */
public class IncidentNotFoundException extends RuntimeException {

  public IncidentNotFoundException(String key) {
    super("no incident " + key);
  }

  /** As above, saying why: the key was reserved for an alert that has not become an incident (yet). */
  public IncidentNotFoundException(String key, String why) {
    super(why);
  }
}
