package io.firebreak.incident;

/**
 * A rule refuses what a person or a tool asked for: a missing or wrong value, a person Firebreak does not know, a step
 * the incident's state does not allow. The message says what to change, naming the field. The rules throw it without
 * knowing who asked; each edge answers with its own 400: a task listener as Camunda's {@code BadUserRequestException}
 * (Tasklist shows the message, the task stays open), the API as a problem detail (IncidentApiErrors).
 */
public class RejectedInput extends RuntimeException {

  public RejectedInput(String message) {
    super(message);
  }
}
