package io.firebreak.integration;

import java.time.Duration;

/** An outside system asked us to slow down (HTTP 429, or Statuspage's 420) and said for how long. */
public class RateLimited extends OutsideCallFailed {

  private final Duration retryAfter;

  public RateLimited(String system, String call, int status, Duration retryAfter) {
    super(system + " rate-limited " + call + " (HTTP " + status + "), retry after " + retryAfter.toSeconds() + " s",
        status);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Retry-After in seconds (the form every vendor here uses); one second when it is missing or unreadable. */
  public static Duration retryAfter(String header) {
    if (header != null) {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
      } catch (NumberFormatException e) {
        // An HTTP date: treat as a short wait; the job's retry cycle covers anything longer.
      }
    }
    return Duration.ofSeconds(1);
  }
}
