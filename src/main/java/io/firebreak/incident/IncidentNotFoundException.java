package io.firebreak.incident;

/** No incident has the given key. */
public class IncidentNotFoundException extends RuntimeException {

  public IncidentNotFoundException(String key) {
    super("no incident " + key);
  }
}
