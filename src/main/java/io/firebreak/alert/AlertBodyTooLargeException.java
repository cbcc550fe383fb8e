package io.firebreak.alert;

/** An alert body larger than {@code firebreak.alerts.max-body-size}, found while reading it: answered with 413. */
public class AlertBodyTooLargeException extends RuntimeException {

  public AlertBodyTooLargeException(long limit) {
    super("the body is larger than " + limit + " bytes");
  }
}
