package io.firebreak.incident;

/** The authenticated user is in no group that may read incidents: answered with 403. */
public class IncidentReadingForbiddenException extends RuntimeException {

  public IncidentReadingForbiddenException(String message) {
    super(message);
  }
}
