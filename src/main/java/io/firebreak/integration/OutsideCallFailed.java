package io.firebreak.integration;

/**
 * An outside system refused or failed a call. The message names the system, what was asked and what it answered, as
 * an operator reads it in Cockpit and on the incident's timeline; it never holds a credential.
 */
public class OutsideCallFailed extends RuntimeException {

  private static final int MAX_DETAIL = 500;

  private final int httpStatus;

  public OutsideCallFailed(String message) {
    this(message, 0);
  }

  public OutsideCallFailed(String message, int httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public OutsideCallFailed(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = 0;
  }

  /** The HTTP status the system answered with; 0 when it did not answer or the failure is not about HTTP. */
  public int httpStatus() {
    return httpStatus;
  }

  /** A vendor's answer shortened to what fits an error message. */
  public static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
  }
}
