package io.firebreak.incident;

/** The caller may read the incident, but not act on it (a viewer adding a note, for one): a 403. */
public class IncidentActionForbiddenException extends RuntimeException {

  public IncidentActionForbiddenException(String message) {
    super(message);
  }
}
