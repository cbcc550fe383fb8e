package io.firebreak.incident;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * When an incident's problem began: its alert's own start (Alertmanager's {@code startsAt}, the generic API's
 * {@code startedAt}, …) when the alert says, else when Firebreak opened the incident. The times to acknowledge and to
 * resolve count from it. A start after the opening (the sender's clock ahead of ours) or more than
 * {@link #LONGEST_LEAD} before it (a placeholder such as year 1) is not believed.
 */
public final class Detection {

  /** The longest an alert may have fired before it reached Firebreak and still be believed: a technical bound. */
  static final Duration LONGEST_LEAD = Duration.ofDays(30);

  private Detection() {
  }

  public static OffsetDateTime of(OffsetDateTime alertStartedAt, OffsetDateTime openedAt) {
    if (alertStartedAt == null || alertStartedAt.isAfter(openedAt)
        || alertStartedAt.isBefore(openedAt.minus(LONGEST_LEAD))) {
      return openedAt;
    }
    return alertStartedAt;
  }
}
