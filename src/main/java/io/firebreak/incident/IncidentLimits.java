package io.firebreak.incident;

/**
 * The lengths our incident columns hold (Flyway migrations V1, V7), and with them everything that is written there:
 * request validation, alert parsing and the incident process's variables take their limits from here, so no parser
 * accepts more than its column stores. Camunda stores a string variable in 4,000 characters.
 */
public final class IncidentLimits {

  public static final int TITLE = 200;
  public static final int DESCRIPTION = 4000;
  public static final int PRODUCT = 100;
  public static final int ENVIRONMENT = 100;
  /** Also {@code alert_tracking.source} and {@code alert_event.source}. */
  public static final int SOURCE = 64;
  /** Also {@code alert_tracking.fingerprint}, {@code alert_event.fingerprint} and {@code alert_group.group_key}. */
  public static final int FINGERPRINT = 300;
  /** A text kept in one Camunda string variable. */
  public static final int VARIABLE = 4000;
  /** {@code timeline_entry.message}. */
  public static final int TIMELINE_MESSAGE = 8000;
  /** A responder's note on the timeline (it goes to the channel too, where a long text is hard to read). */
  public static final int NOTE = 4000;
  /** {@code timeline_entry.details} and {@code alert_event.payload}: the raw payload of an alert. */
  public static final int PAYLOAD = 1_000_000;

  private IncidentLimits() {
  }
}
