package io.firebreak.alert;

/** A webhook payload that cannot be an alert: answered with 400 naming the field; nothing is recorded. */
public class AlertPayloadException extends RuntimeException {

  private final String field;

  public AlertPayloadException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
